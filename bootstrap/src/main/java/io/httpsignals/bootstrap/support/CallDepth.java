package io.httpsignals.bootstrap.support;

/**
 * A per-thread nesting counter for one hooked method family, so only the outermost of nested instrumented calls
 * acts (e.g. {@code getInputStream} re-entering itself). Advice holds instances in static fields of a bootstrap
 * class (advice itself cannot have fields).
 */
public final class CallDepth {

    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    /** Increments and returns the depth before the call: 0 means outermost. */
    public int enter() {
        return depth.get()[0]++;
    }

    /** Decrements and returns the depth after leaving: 0 means the outermost call ended. */
    public int exit() {
        int[] d = depth.get();
        return d[0] > 0 ? --d[0] : 0;
    }
}
