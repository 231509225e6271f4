package io.httpsignals.bootstrap;

import java.io.PrintStream;
import java.util.List;

/**
 * The agent's only output channel for its own problems: one line on stderr per problem, prefixed
 * {@code httpsignals:}. Never throws, whatever stderr does.
 */
public final class AgentLog {

    // the lines of one command run from the command line (attach, detach), so the operator sees them, not only the
    // target's stderr
    private static final ThreadLocal<List<String>> COPY = new ThreadLocal<>();

    private static volatile boolean debug;

    private AgentLog() {
    }

    /** Turns {@link #debug(String)} output on ({@code httpsignals.debug=true}). */
    public static void setDebug(boolean enabled) {
        debug = enabled;
    }

    /** A line only operators who asked for detail want: which hooks went where, fallbacks that lose nothing. */
    public static void debug(String message) {
        if (debug) {
            warn(message);
        }
    }

    /** Also collects the lines this thread warns into {@code lines}, until {@link #stopCopying()}. */
    public static void copyTo(List<String> lines) {
        COPY.set(lines);
    }

    public static void stopCopying() {
        COPY.remove();
    }

    public static void warn(String message) {
        try {
            List<String> copy = COPY.get();
            if (copy != null) {
                copy.add(message);
            }
            PrintStream err = System.err;
            if (err != null) {
                err.println("httpsignals: " + message);
            }
        } catch (Throwable ignored) {
            // stderr itself failing must not reach the application
        }
    }
}
