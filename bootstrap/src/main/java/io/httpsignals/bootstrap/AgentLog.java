package io.httpsignals.bootstrap;

import java.io.PrintStream;

/**
 * The agent's only output channel for its own problems: one line on stderr per problem, prefixed
 * {@code httpsignals:}. Never throws, whatever stderr does.
 */
public final class AgentLog {

    private AgentLog() {
    }

    public static void warn(String message) {
        try {
            PrintStream err = System.err;
            if (err != null) {
                err.println("httpsignals: " + message);
            }
        } catch (Throwable ignored) {
            // stderr itself failing must not reach the application
        }
    }
}
