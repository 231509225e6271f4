package io.httpsignals.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * The only classes of the agent jar that the application's class loaders can see. The rest is nested:
 * {@code httpsignals/bootstrap.jar} (the listener API and the signal bus) goes on the bootstrap class path, and
 * {@code httpsignals/core.jar} (Byte Buddy relocated, the hooks, the built-in listeners) is loaded by a private
 * class loader, so an application that ships its own Byte Buddy, or scans its class path, never meets ours.
 *
 * <p>Kept free of any dependency and of any state beyond the core loader: a failure here must leave the
 * application running, with one line on stderr.
 */
public final class AgentLauncher {

    private static final String CORE_ENTRY = "httpsignals/core.jar";
    private static final String BOOTSTRAP_ENTRY = "httpsignals/bootstrap.jar";
    private static final String STARTER = "io.httpsignals.agent.AgentStarter";
    private static final String CLI = "io.httpsignals.agent.cli.Cli";

    private static ClassLoader coreLoader;

    private AgentLauncher() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    /** {@code java -jar httpsignals-agent.jar <command> ...}: the command line. */
    public static void main(String[] args) throws Throwable {
        Path self = selfJar();
        ClassLoader loader = new URLClassLoader(new URL[] {
                extract(self, CORE_ENTRY).toUri().toURL(), extract(self, BOOTSTRAP_ENTRY).toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        try {
            loader.loadClass(CLI).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static synchronized void start(String args, Instrumentation inst, boolean attached) {
        try {
            if (coreLoader == null) {
                Path self = selfJar();
                installBootstrap(self, inst);
                // parent = platform loader: the core sees the JDK and, through boot delegation, the bootstrap
                // classes, but nothing of the application
                coreLoader = new URLClassLoader(new URL[] {NestedJars.file(self, CORE_ENTRY).toUri().toURL()},
                        ClassLoader.getPlatformClassLoader());
            }
            coreLoader.loadClass(STARTER)
                    .getMethod("start", Instrumentation.class, String.class, boolean.class, String.class)
                    .invoke(null, inst, args, attached, selfJar().toString());
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
            System.err.println("httpsignals: the agent could not start (" + cause
                    + "); the application runs without it. Check that the -javaagent path names an intact "
                    + "httpsignals-agent.jar and that the temp directory (java.io.tmpdir) is writable.");
        }
    }

    /** Makes the bootstrap classes boot-loader classes: defined directly if the JVM allows, else appended. */
    private static void installBootstrap(Path self, Instrumentation inst) throws IOException {
        try (JarFile jar = new JarFile(self.toFile())) {
            try (InputStream in = jar.getInputStream(NestedJars.entry(jar, self, BOOTSTRAP_ENTRY))) {
                if (BootClasses.define(inst, in)) {
                    return;
                }
            }
            inst.appendToBootstrapClassLoaderSearch(
                    new JarFile(NestedJars.extractToTemp(jar, NestedJars.entry(jar, self, BOOTSTRAP_ENTRY)).toFile()));
        }
    }

    static Path selfJar() throws Exception {
        return Path.of(AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Copies a nested jar to a private temporary file (owner-only, deleted at exit) and returns its path. */
    private static Path extract(Path self, String entry) throws IOException {
        try (JarFile jar = new JarFile(self.toFile())) {
            return NestedJars.extractToTemp(jar, NestedJars.entry(jar, self, entry));
        }
    }

}
