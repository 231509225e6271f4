package io.httpsignals.bootstrap;

/**
 * Marks threads whose HTTP requests must emit no signals: threads inside a listener callback (so a listener that
 * makes HTTP calls does not observe itself) and the agent's and listeners' own worker threads.
 */
public final class Suppression {

    // An int[1] per thread instead of ThreadLocal<Integer>: entering and leaving then allocate nothing.
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Suppression() {
    }

    public static void enter() {
        DEPTH.get()[0]++;
    }

    public static void exit() {
        DEPTH.get()[0]--;
    }

    public static boolean isSuppressed() {
        return DEPTH.get()[0] > 0;
    }

    /** The per-thread counter itself, so a hot path can enter and leave with one thread-local lookup. */
    static int[] depth() {
        return DEPTH.get();
    }
}
