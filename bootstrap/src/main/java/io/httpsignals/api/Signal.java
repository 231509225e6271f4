package io.httpsignals.api;

/**
 * The signal catalogue. Each constant names one method of {@link HttpSignalListener}; {@link #wireName()} is the
 * name used in every built-in output (the {@code signal} field of the JSON lines, JFR event names, the report).
 * The wire names are a public contract: tools parse them.
 */
public enum Signal {
    REQUEST_START("request_start"),
    CONNECTION_QUEUED_START("connection_queued_start"),
    CONNECTION_QUEUED_END("connection_queued_end"),
    CONNECTION_REUSECONN("connection_reuseconn"),
    CONNECTION_CREATE_START("connection_create_start"),
    CONNECTION_CREATE_END("connection_create_end"),
    DNS_RESOLVEHOST_START("dns_resolvehost_start"),
    DNS_RESOLVEHOST_END("dns_resolvehost_end"),
    CONNECT_START("connect_start"),
    CONNECT_END("connect_end"),
    TLS_HANDSHAKE_START("tls_handshake_start"),
    TLS_HANDSHAKE_END("tls_handshake_end"),
    REQUEST_HEADERS_SENT("request_headers_sent"),
    REQUEST_CHUNK_SENT("request_chunk_sent"),
    RESPONSE_HEADERS_RECEIVED("response_headers_received"),
    RESPONSE_CHUNK_RECEIVED("response_chunk_received"),
    REQUEST_REDIRECT("request_redirect"),
    REQUEST_RETRY("request_retry"),
    CONNECTION_RELEASED("connection_released"),
    REQUEST_END("request_end"),
    REQUEST_EXCEPTION("request_exception");

    private static final Signal[] VALUES = values();

    private final String wireName;

    Signal(String wireName) {
        this.wireName = wireName;
    }

    /** The snake_case name used in outputs, e.g. {@code dns_resolvehost_start}. */
    public String wireName() {
        return wireName;
    }

    /** Whether this signal ends a request ({@code request_end} or {@code request_exception}). */
    public boolean isTerminal() {
        return this == REQUEST_END || this == REQUEST_EXCEPTION;
    }

    /** The signal with the given wire name, or {@code null}. */
    public static Signal fromWireName(String name) {
        for (Signal s : VALUES) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
