package io.httpsignals.api;

import io.httpsignals.bootstrap.Suppression;

import java.util.concurrent.Callable;

/** Utilities for listeners. */
public final class HttpSignals {

    private HttpSignals() {
    }

    /**
     * Runs {@code action} so that HTTP requests it makes on this thread emit no signals. Signal callbacks already run
     * like this; use it on a listener's own threads (an exporter, a flusher) that call HTTP clients.
     */
    public static void runUnobserved(Runnable action) {
        Suppression.enter();
        try {
            action.run();
        } finally {
            Suppression.exit();
        }
    }

    /** Like {@link #runUnobserved(Runnable)}, returning the action's result. */
    public static <T> T callUnobserved(Callable<T> action) throws Exception {
        Suppression.enter();
        try {
            return action.call();
        } finally {
            Suppression.exit();
        }
    }

    /**
     * Marks the current thread so that no request it ever makes emits signals: for a listener's long-lived
     * worker thread (call it first thing in the thread's {@code run}).
     */
    public static void unobserveCurrentThread() {
        Suppression.enter();
    }

    /** Whether the header's values must never be shown (Authorization, Cookie, ... and the operator's list). */
    public static boolean isSensitiveHeader(String name) {
        return io.httpsignals.bootstrap.Redaction.isSensitiveHeader(name);
    }
}
