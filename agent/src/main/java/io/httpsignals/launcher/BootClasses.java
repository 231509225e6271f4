package io.httpsignals.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.ProtectionDomain;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Defines the classes of the nested bootstrap jar straight into the boot loader.
 *
 * <p>Why not {@link Instrumentation#appendToBootstrapClassLoaderSearch}: appending to the boot class path makes the
 * JVM turn class data sharing off for every class of the platform and application loaders ("Sharing is only
 * supported for boot loader classes because bootstrap classpath has been appended"), which slows the start of every
 * process the agent runs in; it also needs the nested jar extracted to a file first. The bootstrap jar is small and
 * its classes are needed anyway, so they are all defined at once, supertypes first.
 */
final class BootClasses {

    private BootClasses() {
    }

    /** Defines every class of {@code bootstrapJar} in the boot loader; false (nothing to undo) if this JVM refuses. */
    static boolean define(Instrumentation inst, InputStream bootstrapJar) {
        try {
            Map<String, byte[]> pending = read(bootstrapJar);
            inst.redefineModule(Object.class.getModule(), Set.of(),
                    Map.of("jdk.internal.misc", Set.of(BootClasses.class.getModule())), Map.of(), Set.of(), Map.of());
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            // a method handle, not reflection: reflection generates an accessor class after 15 calls on one method
            MethodHandle defineClass = MethodHandles.lookup().findVirtual(unsafeType, "defineClass",
                    MethodType.methodType(Class.class, String.class, byte[].class, int.class, int.class,
                            ClassLoader.class, ProtectionDomain.class)).bindTo(unsafe);
            // a class whose supertype is not defined yet fails with NoClassDefFoundError: retry it after the others
            while (!pending.isEmpty()) {
                int before = pending.size();
                Throwable unresolved = null;
                for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, byte[]> c = it.next();
                    try {
                        Class<?> defined = (Class<?>) defineClass.invoke(c.getKey(), c.getValue(), 0,
                                c.getValue().length, (ClassLoader) null, (ProtectionDomain) null);
                        it.remove();
                    } catch (NoClassDefFoundError e) {
                        unresolved = e;
                    }
                }
                if (pending.size() == before) {
                    // no progress in a whole pass: a supertype is missing from the jar
                    throw unresolved;
                }
            }
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    private static Map<String, byte[]> read(InputStream jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarInputStream in = new JarInputStream(jar)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                String name = e.getName();
                if (!name.endsWith(".class") || name.endsWith("module-info.class") || name.startsWith("META-INF/")) {
                    continue;
                }
                buffer.reset();
                in.transferTo(buffer);
                classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                        buffer.toByteArray());
            }
        }
        return classes;
    }
}
