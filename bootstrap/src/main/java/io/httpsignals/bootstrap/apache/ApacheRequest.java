package io.httpsignals.bootstrap.apache;

import io.httpsignals.bootstrap.Trace;

import java.util.List;

/**
 * What the Apache hooks know about one logical request (all hops and retries of one {@code execute}). The classic
 * clients run a request on the caller's thread, so most fields are only touched there; the fields a pool-releasing
 * or entity-reading thread may touch are guarded by this object's monitor.
 *
 * <p>One is made per request, so it holds only what a request on a pooled connection needs; what opening a
 * connection, a redirect or a retry needs is in {@link Setup}, made the first time one happens.
 */
public final class ApacheRequest {

    public final Trace trace;

    /** The pool lease (5.x endpoint, 4.5 connection proxy) held by the current hop, or {@code null}. */
    Object lease;

    /** The connection of the current hop and its id. */
    public Object connection;
    public long connectionId = -1;

    /**
     * Classic: the session buffer (one per connection) the current hop's response body is read from, while this
     * request is what reads of it belong to.
     */
    Object bodyBuffer;

    /** Connection setup, redirects, retries and nesting of this request; {@code null} until one happens. */
    private Setup setup;

    /**
     * The last final (non-1xx) status received; async: once the result arrived while the endpoint was held, the
     * status {@code request_end} reports when the endpoint is released.
     */
    public int status = -1;

    /** {@code execute} returned the response: the request ends when the lease is given back. */
    boolean returned;
    /** A connection was created or reused in the current hop. */
    boolean hopConnected;
    /** Async: a connection is being opened for this hop (its end comes from an I/O thread). */
    volatile boolean asyncCreating;
    /** Async request (its state is reached through its exec runtime, not through this thread). */
    boolean async;
    /** Async: the request holds a connected endpoint that was not given back yet. */
    boolean asyncHeld;
    /** Async: the result arrived while the endpoint was held: {@code request_end} waits for its release. */
    boolean asyncEnding;
    /** Async: the hop's head is being handed to the connection and {@code request_headers_sent} is not out yet. */
    public boolean headPending;
    /** A pool wait of this request is open. */
    public boolean queued;
    /** The request entity is being written: body-stream writes on this thread belong to this request. */
    public boolean sendingEntity;

    ApacheRequest(Trace trace) {
        this.trace = trace;
    }

    /** This request's connection-setup state, made on first use. */
    Setup setup() {
        Setup s = setup;
        if (s == null) {
            s = new Setup();
            setup = s;
        }
        return s;
    }

    /** The connection-setup state if any was made, else {@code null} (for the paths every request takes). */
    Setup setupIfAny() {
        return setup;
    }

    /** Opening a connection (DNS, connect, TLS), redirects, retries and nesting of one request. */
    static final class Setup {
        /** The request that was current on this thread when this one started (restored when it returns). */
        ApacheRequest previous;

        /** A DNS lookup of this request is open (resolvers that delegate to each other report it once). */
        boolean dnsOpen;
        boolean dnsReported;
        /**
         * Classic: the lookup was opened by the connection operator (any {@code DnsResolver}, also one the agent
         * does not hook): it ends at the first connect or when the operator gives up; a hooked resolver inside only
         * leaves its result here.
         */
        boolean dnsByOperator;
        /** The hooked resolver the operator called is running (its own nested resolvers report nothing). */
        boolean dnsInner;
        String dnsHost;
        List<java.net.InetAddress> dnsResult;
        /** Addresses from the last lookup, formatted, in the order the client tries them. */
        List<String> connectAddresses;
        int connectAttempt;
        /** The connection operator's own connect/TLS callbacks (5.4+) report for this request. */
        boolean operatorCallbacks;
        /** Address of the connection being opened, formatted. */
        String connectionAddress;
        /** Async: the connection being opened negotiated {@code h2} (ALPN). */
        boolean connectionH2;
        /**
         * Async: opening this request's connection failed, so the request is over; a lease seen later on the same
         * I/O thread (whose current request is still this one) is another request's.
         */
        boolean asyncCreateFailed;
        /** Async: a TLS handshake of the connection being opened has started and not ended. */
        volatile boolean tlsOpen;

        /** A redirect or retry decided in this hop, reported when the next hop starts (after the release). */
        String pendingRedirect;
        String pendingRetry;
    }
}
