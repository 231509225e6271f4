package io.httpsignals.agent.install;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.tooling.InstrumentationModule;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Installs the hooks of every {@link InstrumentationModule} with one Byte Buddy {@link AgentBuilder}.
 *
 * <p>Advice only, no new fields or methods ({@code disableClassFormatChanges}), so the same transformation works at
 * JVM start and on classes already loaded when the agent is attached, and can be undone by a reset. JDK classes are
 * not ignored (Byte Buddy's default would skip the bootstrap and platform loaders), and every transformed module
 * gets a read edge to the bootstrap jar's unnamed module so advice inlined into {@code java.net.http} can call the
 * bus.
 */
public final class HookInstaller {

    private HookInstaller() {
    }

    public static List<InstrumentationModule> modules() {
        List<InstrumentationModule> modules = new ArrayList<>();
        for (InstrumentationModule m : ServiceLoader.load(InstrumentationModule.class,
                HookInstaller.class.getClassLoader())) {
            modules.add(m);
        }
        return modules;
    }

    public static ResettableClassFileTransformer install(Instrumentation inst, List<InstrumentationModule> modules,
                                                         HookReport report) {
        // Advice and retransformation need no class injection; keeping Byte Buddy off sun.misc.Unsafe spares
        // JDK 24+ users its deprecation warning. The property name is relocated with Byte Buddy: it is ours alone.
        System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
        ElementMatcher.Junction<TypeDescription> hookable = none();
        for (InstrumentationModule module : modules) {
            for (String prefix : module.typeNamePrefixes()) {
                hookable = hookable.or(nameStartsWith(prefix));
            }
        }
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new FailureListener(report))
                .assureReadEdgeTo(inst, SignalBus.class)
                .ignore(not(hookable));
        for (InstrumentationModule module : modules) {
            for (TypeInstrumentation type : module.typeInstrumentations()) {
                builder = builder.type(type.typeMatcher(), type.classLoaderMatcher())
                        .transform(new HookTransformer(type, report));
            }
        }
        return builder.installOn(inst);
    }

    /** Applies one type's advice, reporting each hook whose method this version of the class lacks. */
    private static final class HookTransformer implements AgentBuilder.Transformer {

        private final List<Hook> hooks = new ArrayList<>();
        private final HookReport report;

        HookTransformer(TypeInstrumentation type, HookReport report) {
            this.report = report;
            type.hooks((methods, adviceClass) -> hooks.add(new Hook(methods, adviceClass)));
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                                                ClassLoader classLoader, JavaModule module,
                                                ProtectionDomain protectionDomain) {
            DynamicType.Builder<?> result = builder;
            for (Hook hook : hooks) {
                if (type.getDeclaredMethods().filter(hook.methods).isEmpty()) {
                    report.skipped(type.getName(), hook.name(), "no method of the expected signature");
                    continue;
                }
                result = result.visit(hook.advice(classLoader).on(hook.methods));
                report.installed(type.getName(), hook.name());
            }
            return result;
        }
    }

    /**
     * One advice class applied to a method set. The advice is read from its class file, resolving the types it
     * names through the hooked class's loader too: advice of an application library (Apache HttpClient) names that
     * library's types, which the agent's own loader cannot load.
     */
    private static final class Hook {
        private static final Object BOOT = new Object();
        /** One type pool per hooked class loader, shared by all hooks: the types advice names are parsed once. */
        private static final Map<Object, TypePool> POOLS = new WeakHashMap<>();

        final ElementMatcher<? super MethodDescription> methods;
        final Class<?> adviceClass;
        private final Map<Object, Advice> byLoader = new WeakHashMap<>();

        Hook(ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass) {
            this.methods = methods;
            this.adviceClass = adviceClass;
        }

        String name() {
            return adviceClass.getSimpleName();
        }

        synchronized Advice advice(ClassLoader target) {
            Object key = target == null ? BOOT : target;
            Advice advice = byLoader.get(key);
            if (advice == null) {
                ClassFileLocator locator = new ClassFileLocator.Compound(
                        ClassFileLocator.ForClassLoader.of(adviceClass.getClassLoader()),
                        // weakly: the pools and advice are cached per loader in weak maps, and a strong reference
                        // from a value to its own key would keep every application class loader alive
                        target == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
                                : ClassFileLocator.ForClassLoader.WeaklyReferenced.of(target));
                TypePool pool;
                synchronized (POOLS) {
                    pool = POOLS.get(key);
                    if (pool == null) {
                        pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                                TypePool.Default.ReaderMode.FAST);
                        POOLS.put(key, pool);
                    }
                }
                TypeDescription type = pool.describe(adviceClass.getName()).resolve();
                advice = Advice.to(type, locator);
                byLoader.put(key, advice);
            }
            return advice;
        }
    }

    /** Turns Byte Buddy's transformation errors into one line each; the class then loads unchanged. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {

        private final HookReport report;

        FailureListener(HookReport report) {
            this.report = report;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            report.failed(typeName, throwable);
        }
    }
}
