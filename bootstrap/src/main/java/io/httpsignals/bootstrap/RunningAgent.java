package io.httpsignals.bootstrap;

/**
 * Where a later {@code agentmain} finds the agent that already runs in this JVM. Lives on the bootstrap class path,
 * the one place every copy of the agent jar shares: a second {@code attach} may come from another copy of the jar
 * (another path, another version), whose launcher must hand its command to the running agent instead of installing
 * a second set of hooks.
 */
public final class RunningAgent {

    private static volatile ClassLoader coreLoader;
    private static volatile String agentJar;

    private RunningAgent() {
    }

    /** Records the private class loader of the agent's core and the jar it came from; the first one stays. */
    public static synchronized void register(ClassLoader loader, String jar) {
        if (coreLoader == null) {
            coreLoader = loader;
            agentJar = jar;
        }
    }

    /** The running agent's core class loader, or {@code null} if none was registered. */
    public static ClassLoader coreLoader() {
        return coreLoader;
    }

    /** The jar the running agent was loaded from. */
    public static String agentJar() {
        return agentJar;
    }
}
