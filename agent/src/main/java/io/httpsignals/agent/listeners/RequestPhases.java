package io.httpsignals.agent.listeners;

import io.httpsignals.api.RequestTrace;

/**
 * The phase timings of one request, accumulated from its signals: the per-request context of the listeners that
 * report timings (console, summary, jfr). Plain fields, no allocation per signal: the bus delivers one request's
 * signals one at a time with happens-before edges, so no locking is needed. Phases that repeat (a connect per
 * address tried, one set per redirect hop or retry) add up.
 */
public class RequestPhases {

    /** What is known about the connection the request (its last hop) used. */
    public static final int CONNECTION_UNKNOWN = 0;
    public static final int CONNECTION_CREATED = 1;
    public static final int CONNECTION_REUSED = 2;

    private static final long NONE = Long.MIN_VALUE;

    long queueStartedAt = NONE;
    long queueNanos;
    int queuedCount;

    long dnsStartedAt = NONE;
    long dnsNanos;
    int dnsCount;

    long connectStartedAt = NONE;
    long connectNanos;
    int connectCount;

    long tlsStartedAt = NONE;
    long tlsNanos;
    int tlsCount;

    long responseHeadersAt = NONE;
    long endedAt = NONE;
    int status = -1;

    int connection = CONNECTION_UNKNOWN;
    int connectionsCreated;
    int connectionsReused;
    long connectionId = -1;
    String remoteAddress;

    /** Back to the state of a new context, for a listener that reuses its contexts once their request ended. */
    public void reset() {
        queueStartedAt = NONE;
        queueNanos = 0;
        queuedCount = 0;
        dnsStartedAt = NONE;
        dnsNanos = 0;
        dnsCount = 0;
        connectStartedAt = NONE;
        connectNanos = 0;
        connectCount = 0;
        tlsStartedAt = NONE;
        tlsNanos = 0;
        tlsCount = 0;
        responseHeadersAt = NONE;
        endedAt = NONE;
        status = -1;
        connection = CONNECTION_UNKNOWN;
        connectionsCreated = 0;
        connectionsReused = 0;
        connectionId = -1;
        remoteAddress = null;
    }

    void queuedStart(long now) {
        queueStartedAt = now;
    }

    void queuedEnd(long now) {
        if (queueStartedAt != NONE) {
            queueNanos += now - queueStartedAt;
            queuedCount++;
            queueStartedAt = NONE;
        }
    }

    void reused(long id, String address) {
        connection = CONNECTION_REUSED;
        connectionsReused++;
        connectionId = id;
        remoteAddress = address;
    }

    void created(long id, String address, Throwable error) {
        if (error == null) {
            connection = CONNECTION_CREATED;
            connectionsCreated++;
            connectionId = id;
            remoteAddress = address;
        }
    }

    void dnsStart(long now) {
        dnsStartedAt = now;
    }

    void dnsEnd(long now) {
        if (dnsStartedAt != NONE) {
            dnsNanos += now - dnsStartedAt;
            dnsCount++;
            dnsStartedAt = NONE;
        }
    }

    void connectStart(long now) {
        connectStartedAt = now;
    }

    void connectEnd(long now) {
        if (connectStartedAt != NONE) {
            connectNanos += now - connectStartedAt;
            connectCount++;
            connectStartedAt = NONE;
        }
    }

    void tlsStart(long now) {
        tlsStartedAt = now;
    }

    void tlsEnd(long now) {
        if (tlsStartedAt != NONE) {
            tlsNanos += now - tlsStartedAt;
            tlsCount++;
            tlsStartedAt = NONE;
        }
    }

    void responseHeaders(long now, int status) {
        // a 1xx is not the response the application waits for; a final status of a redirect hop is replaced later
        if (status >= 200 || status == 101) {
            responseHeadersAt = now;
            this.status = status;
        }
    }

    void ended(long now, int status) {
        endedAt = now;
        if (status > 0) {
            this.status = status;
        }
    }

    void failed(long now) {
        endedAt = now;
    }

    // ------------------------------------------------------------------ readings for the listeners

    public long totalNanos(RequestTrace trace) {
        return endedAt == NONE ? 0 : endedAt - trace.startNanos();
    }

    public boolean queued() {
        return queuedCount > 0;
    }

    public long queueNanos() {
        return queueNanos;
    }

    public boolean resolved() {
        return dnsCount > 0;
    }

    public long dnsNanos() {
        return dnsNanos;
    }

    public boolean connected() {
        return connectCount > 0;
    }

    public long connectNanos() {
        return connectNanos;
    }

    public boolean handshaked() {
        return tlsCount > 0;
    }

    public long tlsNanos() {
        return tlsNanos;
    }

    /** Whether the final response's headers were seen, so time to first byte and body time are known. */
    public boolean hasResponseHeaders() {
        return responseHeadersAt != NONE;
    }

    /** From request start to the final response's headers. */
    public long firstByteNanos(RequestTrace trace) {
        return responseHeadersAt == NONE ? 0 : responseHeadersAt - trace.startNanos();
    }

    /** From the final response's headers to the end of the request. */
    public long bodyNanos() {
        return responseHeadersAt == NONE || endedAt == NONE ? 0 : endedAt - responseHeadersAt;
    }

    /** The final status, or -1. */
    public int status() {
        return status;
    }

    /** {@link #CONNECTION_CREATED}, {@link #CONNECTION_REUSED} or {@link #CONNECTION_UNKNOWN} for the last hop. */
    public int connection() {
        return connection;
    }

    public int connectionsCreated() {
        return connectionsCreated;
    }

    public int connectionsReused() {
        return connectionsReused;
    }

    /** The id of the last connection used, or -1. */
    public long connectionId() {
        return connectionId;
    }

    /** The address of the last connection used, or {@code null}. */
    public String remoteAddress() {
        return remoteAddress;
    }
}
