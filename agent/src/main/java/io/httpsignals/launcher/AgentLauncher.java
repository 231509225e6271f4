package io.httpsignals.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
    private static final String REGISTRY = "io.httpsignals.bootstrap.RunningAgent";

    private AgentLauncher() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    /**
     * {@code java -jar httpsignals-agent.jar <command> ...}: the command line. Its loader's parent is the
     * application loader (which holds nothing but this launcher here) because that is the loader of
     * {@code jdk.attach}, which the attach commands need.
     */
    public static void main(String[] args) throws Throwable {
        Path self = selfJar();
        ClassLoader loader = new URLClassLoader(new URL[] {
                extract(self, CORE_ENTRY).toUri().toURL(), extract(self, BOOTSTRAP_ENTRY).toUri().toURL()},
                ClassLoader.getSystemClassLoader());
        try {
            loader.loadClass(CLI).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static synchronized void start(String args, Instrumentation inst, boolean attached) {
        ControlArguments control = ControlArguments.parse(args);
        try {
            ClassLoader core = runningCore();
            if (core == null) {
                if (!control.command.equals(ControlArguments.ATTACH)) {
                    // status or detach of a JVM the agent is not in: answer without loading anything more
                    control.reply(control.command.equals("status") ? 0 : 1,
                            "httpsignals agent is not loaded in pid " + ProcessHandle.current().pid());
                    return;
                }
                Path self = selfJar();
                NestedJars.disabledByArguments = control.cacheOff();
                installBootstrap(self, inst);
                // parent = platform loader: the core sees the JDK and, through boot delegation, the bootstrap
                // classes, but nothing of the application. The bootstrap jar is listed too, for its class files
                // only: classes defined into the boot loader come with no resources, and the hook installer reads
                // advice signatures naming bootstrap types from class files (classes always load from boot first)
                core = new URLClassLoader(new URL[] {NestedJars.file(self, CORE_ENTRY).toUri().toURL(),
                        NestedJars.file(self, BOOTSTRAP_ENTRY).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                Class.forName(REGISTRY, true, null).getMethod("register", ClassLoader.class, String.class)
                        .invoke(null, core, self.toString());
            }
            String answer = (String) core.loadClass(STARTER)
                    .getMethod("command", Instrumentation.class, String.class, String.class, boolean.class,
                            String.class)
                    .invoke(null, inst, control.command, control.options, attached, selfJar().toString());
            int newline = answer.indexOf('\n');
            control.reply(Integer.parseInt(answer.substring(0, newline)), answer.substring(newline + 1));
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
            String message = "the agent could not start (" + cause
                    + "); the application runs without it. Check that the -javaagent path names an intact "
                    + "httpsignals-agent.jar and that the temp directory (java.io.tmpdir) is writable.";
            System.err.println("httpsignals: " + message);
            control.reply(1, message);
        }
    }

    /**
     * The core of the agent already running in this JVM, found through the bootstrap class path so that a second
     * copy of the agent jar finds the first one's; {@code null} if the agent is not in yet.
     */
    private static ClassLoader runningCore() throws ReflectiveOperationException {
        Class<?> registry;
        try {
            registry = Class.forName(REGISTRY, true, null);
        } catch (ClassNotFoundException notYet) {
            return null;
        }
        return (ClassLoader) registry.getMethod("coreLoader").invoke(null);
    }

    /** Makes the bootstrap classes boot-loader classes: defined directly if the JVM allows, else appended. */
    private static void installBootstrap(Path self, Instrumentation inst) throws IOException {
        try (JarFile jar = new JarFile(self.toFile())) {
            try (InputStream in = jar.getInputStream(NestedJars.entry(jar, self, BOOTSTRAP_ENTRY));
                 URLClassLoader isolated = new URLClassLoader(new URL[] {self.toUri().toURL()}, null)) {
                // BootClasses needs jdk.internal.misc exported to its module; loaded in a loader of its own, that
                // module is its alone, not the application class path's unnamed module
                Method define = isolated.loadClass(BootClasses.class.getName())
                        .getDeclaredMethod("define", Instrumentation.class, InputStream.class);
                define.setAccessible(true);
                if ((Boolean) define.invoke(null, inst, in)) {
                    return;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall back to appending the jar
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
