package io.httpsignals.agent.install;

import io.httpsignals.bootstrap.AgentLog;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.tooling.InstrumentationModule;
import io.httpsignals.tooling.TypeInstrumentation;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
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
 *
 * <p>At JVM start ({@link LazyHooks}) Byte Buddy is not even loaded until a class a module hooks loads and is not
 * in the woven-class cache; every class file Byte Buddy reads through the hooked class's loader meanwhile is
 * recorded for that cache to check on later starts.
 */
public final class HookInstaller {

    private HookInstaller() {
    }

    /** The hooks as one transformer, for {@link LazyHooks} to delegate to once a class needs Byte Buddy. */
    static ClassFileTransformer transformer(Instrumentation inst, List<InstrumentationModule> modules,
                                           HookReport report) {
        return builder(inst, modules, report).makeRaw();
    }

    /** The class files the advice type pool of {@code loader}'s classes has read through that loader so far. */
    static Map<String, byte[]> adviceClassFilesRead(ClassLoader loader) {
        return Hook.read(loader);
    }

    public static ResettableClassFileTransformer install(Instrumentation inst, List<InstrumentationModule> modules,
                                                         HookReport report) {
        List<String> prefixes = LazyHooks.prefixes(modules);
        Set<Class<?>> seen = new HashSet<>(LazyHooks.hookableLoaded(inst, prefixes));
        ResettableClassFileTransformer hooks = builder(inst, modules, report).installOn(inst);
        LazyHooks.weaveClassesLoadedMeanwhile(inst, prefixes, seen);
        return hooks;
    }

    /**
     * Removes the hooks and restores the original bytecode of every class they changed. For hooks installed lazily
     * (and classes woven from the cache) that is: drop the transformer, then retransform the hookable classes, which
     * without it get their original class files back. Returns false if some class could not be restored.
     */
    public static boolean uninstall(Instrumentation inst, ClassFileTransformer hooks,
                                    List<InstrumentationModule> modules) {
        if (hooks instanceof ResettableClassFileTransformer) {
            return ((ResettableClassFileTransformer) hooks).reset(inst,
                    AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        }
        inst.removeTransformer(hooks);
        List<Class<?>> woven = LazyHooks.hookableLoaded(inst, LazyHooks.prefixes(modules));
        try {
            if (!woven.isEmpty()) {
                inst.retransformClasses(woven.toArray(new Class<?>[0]));
            }
            return true;
        } catch (Throwable e) {
            AgentLog.warn("could not restore the original bytecode (" + e + "); the hooks stay, inert while no "
                    + "listener is enabled");
            return false;
        }
    }

    private static AgentBuilder builder(Instrumentation inst, List<InstrumentationModule> modules,
                                        HookReport report) {
        ElementMatcher.Junction<TypeDescription> hookable = none();
        for (InstrumentationModule module : modules) {
            for (String prefix : module.typeNamePrefixes()) {
                hookable = hookable.or(nameStartsWith(prefix));
            }
        }
        // Advice and retransformation need no class injection; keeping Byte Buddy off sun.misc.Unsafe spares
        // JDK 24+ users its deprecation warning. The property name is relocated with Byte Buddy: it is ours alone.
        System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
        // Byte Buddy's Nexus serves LoadedTypeInitializers, which advice without class format changes never has;
        // left enabled, merely constructing the builder generates and injects classes (the costliest part of the
        // set-up, and sun.misc.Unsafe warnings on JDK 24+). The property name is that of our relocated copy.
        System.getProperties().putIfAbsent(ByteBuddy.class.getPackageName() + ".nexus.disabled", "true");
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new FailureListener(report))
                // the class files read to weave a class are recorded for the woven-class cache to check
                .with((AgentBuilder.LocationStrategy) (loader, module) ->
                        new RecordingLocator(ClassFileLocator.ForClassLoader.of(loader), null))
                .assureReadEdgeTo(inst, SignalBus.class)
                .ignore(not(hookable));
        for (InstrumentationModule module : modules) {
            for (TypeInstrumentation type : module.typeInstrumentations()) {
                builder = builder.type(type.typeMatcher(), type.classLoaderMatcher())
                        .transform(new HookTransformer(type, report));
            }
        }
        return builder;
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
        /** What each of those pools read through the hooked class's loader, for the woven-class cache. */
        private static final Map<Object, Map<String, byte[]>> READ = new WeakHashMap<>();

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
                        new RecordingLocator(target == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
                                : ClassFileLocator.ForClassLoader.WeaklyReferenced.of(target), readBy(key)));
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

        private static Map<String, byte[]> readBy(Object key) {
            synchronized (READ) {
                return READ.computeIfAbsent(key, k -> new LinkedHashMap<>());
            }
        }

        static Map<String, byte[]> read(ClassLoader loader) {
            Map<String, byte[]> read;
            synchronized (READ) {
                read = READ.get(loader == null ? BOOT : loader);
            }
            if (read == null) {
                return Map.of();
            }
            synchronized (read) {
                return new LinkedHashMap<>(read);
            }
        }
    }

    /**
     * Reads class files for Byte Buddy and tells the {@link WovenClassCache} which ones (and which were missing):
     * a cached woven class is valid only while they stay the same. {@code alsoInto}, if given, keeps them too.
     */
    private static final class RecordingLocator implements ClassFileLocator {

        private final ClassFileLocator delegate;
        private final Map<String, byte[]> alsoInto;

        RecordingLocator(ClassFileLocator delegate, Map<String, byte[]> alsoInto) {
            this.delegate = delegate;
            this.alsoInto = alsoInto;
        }

        @Override
        public Resolution locate(String name) throws IOException {
            Resolution resolution = delegate.locate(name);
            byte[] bytes = resolution.isResolved() ? resolution.resolve() : null;
            WovenClassCache.read(name, bytes);
            if (alsoInto != null && WovenClassCache.recordable(name)) {
                synchronized (alsoInto) {
                    alsoInto.put(name, bytes);
                }
            }
            return resolution;
        }

        @Override
        public void close() throws IOException {
            delegate.close();
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
