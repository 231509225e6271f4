package io.httpsignals.otel;

/** The plugin's only voice: one line on stderr, prefixed like every agent message. */
final class OtelLog {

    static final String PREFIX = "httpsignals: otel: ";

    private OtelLog() {
    }

    static void warn(String message) {
        System.err.println(PREFIX + message);
    }
}
