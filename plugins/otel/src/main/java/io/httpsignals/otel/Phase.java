package io.httpsignals.otel;

import io.opentelemetry.api.common.Attributes;

/**
 * One finished phase of a request (pool wait, DNS, connect, TLS, request sent, time to first byte, response body),
 * in {@link System#nanoTime()} terms, ready to become a span event or a child span.
 */
final class Phase {

    static final String POOL_WAIT = "pool_wait";
    static final String DNS = "dns";
    static final String CONNECT = "connect";
    static final String TLS = "tls";
    static final String REQUEST_SENT = "request_sent";
    static final String TIME_TO_FIRST_BYTE = "time_to_first_byte";
    static final String RESPONSE_BODY = "response_body";

    final String name;
    final Hop hop;
    final long startNanos;
    final long endNanos;
    final Attributes attributes;
    /** The failure's class name ({@code error.type}), or {@code null}. */
    final String errorType;

    Phase(String name, Hop hop, long startNanos, long endNanos, Attributes attributes, String errorType) {
        this.name = name;
        this.hop = hop;
        this.startNanos = startNanos;
        this.endNanos = Math.max(startNanos, endNanos);
        this.attributes = attributes;
        this.errorType = errorType;
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
