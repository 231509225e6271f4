package io.httpsignals.agent.install;

import io.httpsignals.bootstrap.AgentLog;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.tooling.InstrumentationModule;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The hooks as installed at JVM start: a plain transformer that lets through to Byte Buddy only the classes whose
 * names start with a module's prefix, answers from the {@link WovenClassCache} when it can, and sets Byte Buddy up
 * ({@link HookInstaller}) only when it must. Setting Byte Buddy up loads about a thousand classes and generates some;
 * a process that never touches an instrumented client, or whose woven classes are all in the cache, pays nothing of
 * it. This class names no Byte Buddy type, so loading it loads none.
 */
public final class LazyHooks implements ClassFileTransformer {

    private final String[] internalPrefixes;
    private final Supplier<ClassFileTransformer> factory;
    private final Instrumentation inst;
    private final HookReport report;
    private final WovenClassCache cache;
    private final boolean verify;
    private volatile ClassFileTransformer hooks;

    private final List<Class<?>> alreadyLoaded;
    private final Set<String> alreadyLoadedNames = new HashSet<>();
    private final List<String> prefixList;

    LazyHooks(List<String> prefixes, Supplier<ClassFileTransformer> factory, Instrumentation inst,
              HookReport report, WovenClassCache cache, boolean verify, List<Class<?>> alreadyLoaded) {
        this.verify = verify;
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

    public static List<InstrumentationModule> modules() {
        List<InstrumentationModule> modules = new ArrayList<>();
        for (InstrumentationModule m : ServiceLoader.load(InstrumentationModule.class,
                LazyHooks.class.getClassLoader())) {
            modules.add(m);
        }
        return modules;
    }

    static List<String> prefixes(List<InstrumentationModule> modules) {
        List<String> prefixes = new ArrayList<>();
        for (InstrumentationModule module : modules) {
            prefixes.addAll(module.typeNamePrefixes());
        }
        return prefixes;
    }

    static List<Class<?>> hookableLoaded(Instrumentation inst, List<String> prefixes) {
        List<Class<?>> hookable = new ArrayList<>();
        for (Class<?> loaded : inst.getAllLoadedClasses()) {
            if (startsWithAny(loaded.getName(), prefixes) && inst.isModifiableClass(loaded)) {
                hookable.add(loaded);
            }
        }
        return hookable;
    }

    /**
     * Installs the hooks at JVM start, setting Byte Buddy up only when a class a module hooks is loaded and is not
     * in the woven-class cache. Hookable classes loaded before that (by the JVM itself, a listener or an earlier
     * agent) are woven at once. {@code verifyCache}: weave every class anyway and warn where the cache differs.
     */
    public static ClassFileTransformer install(Instrumentation inst, List<InstrumentationModule> modules,
                                               HookReport report, boolean verifyCache) {
        WovenClassCache cache = WovenClassCache.open();
        List<String> prefixes = prefixes(modules);
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
        for (Class<?> loaded : hookableLoaded(inst, prefixes)) {
            clientInUse |= !preloaded.contains(loaded.getName());
            alreadyLoaded.add(loaded);
        }
        LazyHooks lazy = new LazyHooks(prefixes, () -> HookInstaller.transformer(inst, modules, report), inst, report,
                cache, verifyCache, alreadyLoaded);
        inst.addTransformer(lazy, true);
        // a client in use already (a listener or an earlier agent loaded it) needs Byte Buddy now anyway
        lazy.weaveAlreadyLoaded(clientInUse);
        return lazy;
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
        // a JDK class depends on nothing the JDK does not fix; it is cached by its bytes whether it loads now or was
        // loaded before the agent (retransformed). An application class is cached when it loads (described from its
        // class file and those it names, never from loaded classes), checked against what its weaving read.
        boolean jdk = module != null && module.isNamed()
                && (loader == null || loader == ClassLoader.getPlatformClassLoader());
        boolean cacheable = cache.enabled() && (jdk
                ? classBeingRedefined == null || alreadyLoadedNames.contains(classBeingRedefined.getName())
                : classBeingRedefined == null && loader != null);
        if (!cacheable) {
            return hooks().transform(module, loader, internalName, classBeingRedefined, protectionDomain,
                    classfileBuffer);
        }
        WovenClassCache.Entry cached = cache.get(classfileBuffer, jdk ? null : loader);
        if (cached != null) {
            if (cached.bytes() != null && module != null && module.isNamed()) {
                // what Byte Buddy's assureReadEdgeTo would have done: advice in this module calls the bus
                Module bus = SignalBus.class.getModule();
                if (!module.canRead(bus)) {
                    inst.redefineModule(module, Set.of(bus), Map.of(), Map.of(), Set.of(), Map.of());
                }
            }
            report.replay(cached.report());
            return verify ? verified(cached.bytes(), module, loader, internalName, protectionDomain, classfileBuffer)
                    : cached.bytes();
        }
        ClassFileTransformer h = hooks();
        report.startCapture();
        Map<String, byte[]> outer = WovenClassCache.startRecording();
        byte[] woven = null;
        try {
            woven = h.transform(module, loader, internalName, null, protectionDomain, classfileBuffer);
        } finally {
            Map<String, byte[]> read = WovenClassCache.stopRecording(outer);
            List<String[]> captured = report.endCapture();
            if (captured != null) {
                if (jdk) {
                    read = Map.of();
                } else if (installedAny(captured)) {
                    // advice was applied, through a type pool shared by every class of this loader: whatever that
                    // pool has read so far may have been needed here
                    read.putAll(HookInstaller.adviceClassFilesRead(loader));
                }
                cache.put(classfileBuffer, woven, captured, read);
            }
        }
        return woven;
    }

    /** {@code cache=verify}: what Byte Buddy makes of the class now, with a warning if the cache said otherwise. */
    private byte[] verified(byte[] cached, Module module, ClassLoader loader, String internalName,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer)
            throws IllegalClassFormatException {
        ClassFileTransformer h = hooks();
        report.startCapture();
        byte[] fresh;
        try {
            fresh = h.transform(module, loader, internalName, null, protectionDomain, classfileBuffer);
        } finally {
            report.endCapture();
        }
        String name = internalName.replace('/', '.');
        if (Arrays.equals(cached, fresh)) {
            AgentLog.debug("woven-class cache: " + name + " verified (" + (fresh == null ? "unchanged" : "woven")
                    + ")");
        } else {
            AgentLog.warn("woven-class cache: " + name + " differs from what the hooks make of it now; the fresh "
                    + "result is used");
        }
        return fresh;
    }

    private static boolean installedAny(List<String[]> report) {
        for (String[] line : report) {
            if (line[0].equals("installed")) {
                return true;
            }
        }
        return false;
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
     * Weaves the hookable classes loaded before the agent (InetSocketAddress; a client a listener created), on the
     * premain thread, before any request: from the woven-class cache when it has them, else through Byte Buddy,
     * which is then set up now. (Retransforming them later, from inside a class load, does not work: the JVM posts
     * no nested class-file-load event.)
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
