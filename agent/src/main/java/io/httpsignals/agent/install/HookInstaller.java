package io.httpsignals.agent.install;

import io.httpsignals.bootstrap.AgentLog;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.tooling.InstrumentationModule;
import io.httpsignals.tooling.TypeInstrumentation;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;
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
 * <p>At JVM start ({@link #installLazily}) Byte Buddy is not even loaded until the first class a module hooks is:
 * until then a plain transformer compares each loaded class's name with the modules' prefixes and returns. Setting
 * up Byte Buddy loads about a thousand classes and then runs its matchers on every class the JVM loads; a process
 * that never touches an instrumented client pays neither, and one that does pays the set-up once, later.
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

    /**
     * Installs the hooks at JVM start, setting Byte Buddy up only when the first class a module hooks is loaded.
     * Hookable classes loaded before that (by the JVM itself, a listener or an earlier agent) are woven at once.
     */
    public static ClassFileTransformer installLazily(Instrumentation inst, List<InstrumentationModule> modules,
                                                     HookReport report) {
        List<String> prefixes = new ArrayList<>();
        for (InstrumentationModule module : modules) {
            prefixes.addAll(module.typeNamePrefixes());
        }
        // java.base classes a module hooks are loaded now, before the lazy transformer is in place: setting Byte Buddy
        // up inside the loading of one of them (InetSocketAddress) would need that very class
        Set<String> preloaded = new HashSet<>();
        for (String prefix : prefixes) {
            if (prefix.startsWith("java.")) {
                try {
                    Class.forName(prefix, false, null);
                    preloaded.add(prefix);
                } catch (ClassNotFoundException notAClassName) {
                    // a package prefix: nothing to preload
                }
            }
        }
        List<Class<?>> alreadyLoaded = new ArrayList<>();
        boolean clientInUse = false;
        for (Class<?> loaded : inst.getAllLoadedClasses()) {
            if (LazyHooks.startsWithAny(loaded.getName(), prefixes) && inst.isModifiableClass(loaded)) {
                clientInUse |= !preloaded.contains(loaded.getName());
                alreadyLoaded.add(loaded);
            }
        }
        LazyHooks lazy = new LazyHooks(prefixes, () -> builder(inst, modules, report).makeRaw(), inst, report,
                WovenClassCache.open(), alreadyLoaded);
        inst.addTransformer(lazy, true);
        // a client in use already (a listener or an earlier agent loaded it) needs Byte Buddy now anyway
        lazy.weaveAlreadyLoaded(clientInUse);
        return lazy;
    }

    public static ResettableClassFileTransformer install(Instrumentation inst, List<InstrumentationModule> modules,
                                                         HookReport report) {
        List<String> prefixes = prefixes(modules);
        Set<Class<?>> seen = new HashSet<>(hookableLoaded(inst, prefixes));
        ResettableClassFileTransformer hooks = builder(inst, modules, report).installOn(inst);
        weaveClassesLoadedMeanwhile(inst, prefixes, seen);
        return hooks;
    }

    /**
     * Retransforms the hookable classes that got loaded while classes were being retransformed: verifying a woven
     * class loads the classes its new code names (the JDK client's Exchange and MultiExchange, say), and Byte Buddy
     * does not transform what loads during its own retransformation. Without this pass a client that was in use
     * but had not sent a request when the agent came in would miss most of its signals.
     */
    static void weaveClassesLoadedMeanwhile(Instrumentation inst, List<String> prefixes, Set<Class<?>> seen) {
        for (int pass = 0; pass < 4; pass++) {
            List<Class<?>> missed = new ArrayList<>();
            for (Class<?> c : hookableLoaded(inst, prefixes)) {
                if (seen.add(c)) {
                    missed.add(c);
                }
            }
            if (missed.isEmpty()) {
                return;
            }
            try {
                inst.retransformClasses(missed.toArray(new Class<?>[0]));
            } catch (Throwable e) {
                AgentLog.warn("could not hook " + missed.size() + " classes loaded while the agent set up (" + e
                        + "); their signals are missing");
                return;
            }
        }
    }

    private static List<String> prefixes(List<InstrumentationModule> modules) {
        List<String> prefixes = new ArrayList<>();
        for (InstrumentationModule module : modules) {
            prefixes.addAll(module.typeNamePrefixes());
        }
        return prefixes;
    }

    private static List<Class<?>> hookableLoaded(Instrumentation inst, List<String> prefixes) {
        List<Class<?>> hookable = new ArrayList<>();
        for (Class<?> loaded : inst.getAllLoadedClasses()) {
            if (LazyHooks.startsWithAny(loaded.getName(), prefixes) && inst.isModifiableClass(loaded)) {
                hookable.add(loaded);
            }
        }
        return hookable;
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
        List<String> prefixes = new ArrayList<>();
        for (InstrumentationModule module : modules) {
            prefixes.addAll(module.typeNamePrefixes());
        }
        List<Class<?>> woven = new ArrayList<>();
        for (Class<?> loaded : inst.getAllLoadedClasses()) {
            if (LazyHooks.startsWithAny(loaded.getName(), prefixes) && inst.isModifiableClass(loaded)) {
                woven.add(loaded);
            }
        }
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

    /**
     * Lets through to Byte Buddy only the classes whose names start with a module's prefix, and answers for JDK
     * classes from the {@link WovenClassCache} when it can.
     */
    private static final class LazyHooks implements ClassFileTransformer {

        private final String[] internalPrefixes;
        private final Supplier<ClassFileTransformer> factory;
        private final Instrumentation inst;
        private final HookReport report;
        private final WovenClassCache cache;
        private volatile ClassFileTransformer hooks;

        private final List<Class<?>> alreadyLoaded;
        private final Set<String> alreadyLoadedNames = new HashSet<>();
        private final List<String> prefixList;

        LazyHooks(List<String> prefixes, Supplier<ClassFileTransformer> factory, Instrumentation inst,
                  HookReport report, WovenClassCache cache, List<Class<?>> alreadyLoaded) {
            this.alreadyLoaded = alreadyLoaded;
            for (Class<?> c : alreadyLoaded) {
                alreadyLoadedNames.add(c.getName());
            }
            this.prefixList = List.copyOf(prefixes);
            this.internalPrefixes = new String[prefixes.size()];
            for (int i = 0; i < internalPrefixes.length; i++) {
                internalPrefixes[i] = prefixes.get(i).replace('.', '/');
            }
            this.factory = factory;
            this.inst = inst;
            this.report = report;
            this.cache = cache;
        }

        static boolean startsWithAny(String name, List<String> prefixes) {
            for (String prefix : prefixes) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                                ProtectionDomain protectionDomain, byte[] classfileBuffer)
                throws IllegalClassFormatException {
            if (internalName == null || !hookable(internalName)) {
                return null;
            }
            // a JDK class is cached by its bytes whether it loads now or was loaded before the agent (retransformed)
            boolean preloaded = classBeingRedefined != null && alreadyLoadedNames.contains(classBeingRedefined.getName());
            boolean cacheable = cache.enabled() && (classBeingRedefined == null || preloaded)
                    && module != null && module.isNamed()
                    && (loader == null || loader == ClassLoader.getPlatformClassLoader());
            if (!cacheable) {
                return hooks().transform(module, loader, internalName, classBeingRedefined, protectionDomain,
                        classfileBuffer);
            }
            WovenClassCache.Entry cached = cache.get(classfileBuffer);
            if (cached != null) {
                if (cached.bytes() != null) {
                    // what Byte Buddy's assureReadEdgeTo would have done: advice in this module calls the bus
                    Module bus = SignalBus.class.getModule();
                    if (!module.canRead(bus)) {
                        inst.redefineModule(module, Set.of(bus), Map.of(), Map.of(), Set.of(), Map.of());
                    }
                }
                report.replay(cached.report());
                return cached.bytes();
            }
            ClassFileTransformer h = hooks();
            report.startCapture();
            byte[] woven = null;
            try {
                woven = h.transform(module, loader, internalName, null, protectionDomain, classfileBuffer);
            } finally {
                List<String[]> lines = report.endCapture();
                if (lines != null) {
                    cache.put(classfileBuffer, woven, lines);
                }
            }
            return woven;
        }

        private boolean hookable(String internalName) {
            for (String prefix : internalPrefixes) {
                if (internalName.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Weaves the hookable classes loaded before the agent (InetSocketAddress; a client a listener created), on
         * the premain thread, before any request: from the woven-class cache when it has them, else through Byte
         * Buddy, which is then set up now. (Retransforming them later, from inside a class load, does not work: the
         * JVM posts no nested class-file-load event.)
         */
        void weaveAlreadyLoaded(boolean setUp) {
            if (setUp) {
                hooks();
            }
            if (alreadyLoaded.isEmpty()) {
                return;
            }
            Set<Class<?>> seen = new HashSet<>(alreadyLoaded);
            try {
                inst.retransformClasses(alreadyLoaded.toArray(new Class<?>[0]));
            } catch (Throwable e) {
                AgentLog.warn("could not hook classes loaded before the agent (" + e + "); their signals are missing");
            }
            weaveClassesLoadedMeanwhile(inst, prefixList, seen);
        }

        private ClassFileTransformer hooks() {
            ClassFileTransformer h = hooks;
            if (h == null) {
                synchronized (this) {
                    h = hooks;
                    if (h == null) {
                        try {
                            h = factory.get();
                        } catch (Throwable e) {
                            AgentLog.warn("the hooks could not be set up (" + e + "); the application runs without "
                                    + "signals");
                            h = new ClassFileTransformer() {
                            };
                        }
                        hooks = h;
                    }
                }
            }
            return h;
        }
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
