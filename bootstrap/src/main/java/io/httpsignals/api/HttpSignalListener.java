package io.httpsignals.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Receives the lifecycle signals of every HTTP request the JVM makes through an instrumented client.
 *
 * <p>The signals of one request, as they nest ({@code [..]} may be absent, {@code *} may repeat):
 * <pre>
 * request_start
 * ├─ [connection_queued_start ─ connection_queued_end]          the pool was at its limit
 * ├─ connection_reuseconn                                       a pooled connection was taken, or
 * │  connection_create_start
 * │  ├─ [dns_resolvehost_start ─ dns_resolvehost_end]           not for IP literals or cached names
 * │  ├─ (connect_start ─ connect_end)*                          once per address tried
 * │  ├─ [tls_handshake_start ─ tls_handshake_end]               https only
 * │  connection_create_end
 * ├─ request_headers_sent
 * ├─ request_chunk_sent*
 * ├─ response_headers_received                                  also for 1xx and for each hop
 * ├─ response_chunk_received*
 * ├─ [connection_released]
 * ├─ [request_redirect ─ (the next hop's signals, from the pool step on)]*
 * ├─ [request_retry ─ (the new attempt's signals, from the pool step on)]*
 * request_end | request_exception                               exactly one, always last
 * </pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Signals of one request arrive in causal order, one at a time, with a happens-before edge from each signal
 *       to the next, even when the client emits them from different threads (I/O threads, executors). Signals of
 *       different requests may arrive concurrently: a listener must be thread-safe.</li>
 *   <li>Every {@code *_start} is followed by its {@code *_end}, which carries an error if the phase failed.</li>
 *   <li>Every request ends with exactly one {@link #onRequestEnd} or {@link #onRequestException}, and nothing
 *       follows it. A request that started before the agent was attached emits nothing at all.</li>
 *   <li>A listener that throws is reported once on stderr and counted; the exception never reaches the
 *       application and the other listeners still receive the signal.</li>
 *   <li>HTTP requests made from inside a callback (or from a thread marked with
 *       {@link HttpSignals#unobserveCurrentThread()}) emit no signals.</li>
 * </ul>
 *
 * <h2>Rules for implementations</h2>
 * Callbacks run on the application's request path: they must be fast, must not block and must not throw.
 * Listeners that do slow work are enabled with asynchronous dispatch ({@code httpsignals.dispatch=async}), which
 * hands them signals from a bounded queue on a daemon thread. Override only the signals you need: the agent
 * notices which methods a listener overrides, and an advice whose signal no listener wants does no work.
 *
 * <h2>Parameters</h2>
 * Every callback receives the request's {@link RequestTrace}; the listener's own per-request context, created by
 * {@link #newContext} at {@code request_start} (like aiohttp's {@code trace_config_ctx_factory}), so a listener
 * keeps state such as start times without global maps; and {@code timeNanos}, the {@link System#nanoTime()} at
 * which the signal happened (it differs from the callback's own time under asynchronous dispatch). Headers are
 * maps of name to values. Connection ids are JVM-unique numbers assigned by the agent; addresses are
 * {@code host:port} strings ({@code [v6]:port} for IPv6). Protocols are {@code HTTP/1.1} or {@code HTTP/2}.
 *
 * @param <C> the type of the listener's per-request context ({@link Void} if it keeps none)
 */
public interface HttpSignalListener<C> {

    /**
     * Creates this listener's context for a new request, just before {@link #onRequestStart}. The returned object
     * is passed to every later callback of the request; {@code null} is allowed.
     */
    default C newContext(RequestTrace trace) {
        return null;
    }

    /**
     * {@code request_start}: the application handed a request to the client. Fires once per logical request, first.
     * {@code headers} is writable: headers added here are sent on every hop.
     */
    default void onRequestStart(RequestTrace trace, C context, long timeNanos, RequestHeaders headers) {
    }

    /**
     * {@code connection_queued_start}: the request waits for a pooled connection because a pool limit is reached.
     * Pool figures are {@code -1} where the client does not have them.
     *
     * @param leased connections leased from the pool for this route when the wait began
     * @param pending requests already waiting for this route, not counting this one
     * @param max the pool's per-route maximum
     */
    default void onConnectionQueuedStart(RequestTrace trace, C context, long timeNanos,
                                         int leased, int pending, int max) {
    }

    /** {@code connection_queued_end}: the request stopped waiting; {@code error} is non-null if the wait failed. */
    default void onConnectionQueuedEnd(RequestTrace trace, C context, long timeNanos, Throwable error) {
    }

    /** {@code connection_reuseconn}: an open pooled connection (HTTP/1.1) or a live HTTP/2 connection is used. */
    default void onConnectionReused(RequestTrace trace, C context, long timeNanos,
                                    long connectionId, String remoteAddress, String protocol) {
    }

    /** {@code connection_create_start}: a new connection is opened; DNS, connect and TLS signals follow. */
    default void onConnectionCreateStart(RequestTrace trace, C context, long timeNanos) {
    }

    /**
     * {@code connection_create_end}: the new connection is ready, or failed ({@code error} non-null, and
     * {@code connectionId} then {@code -1}).
     */
    default void onConnectionCreateEnd(RequestTrace trace, C context, long timeNanos,
                                       long connectionId, String remoteAddress, String protocol, Throwable error) {
    }

    /** {@code dns_resolvehost_start}: a host name is looked up. */
    default void onDnsResolveHostStart(RequestTrace trace, C context, long timeNanos, String host) {
    }

    /** {@code dns_resolvehost_end}: the lookup finished with {@code addresses}, or failed with {@code error}. */
    default void onDnsResolveHostEnd(RequestTrace trace, C context, long timeNanos,
                                     String host, List<InetAddress> addresses, Throwable error) {
    }

    /** {@code connect_start}: a TCP connect to one address begins; repeats for each address tried. */
    default void onConnectStart(RequestTrace trace, C context, long timeNanos, String address) {
    }

    /** {@code connect_end}: the TCP connect to {@code address} succeeded, or failed with {@code error}. */
    default void onConnectEnd(RequestTrace trace, C context, long timeNanos, String address, Throwable error) {
    }

    /** {@code tls_handshake_start}: the TLS handshake on the new connection begins. */
    default void onTlsHandshakeStart(RequestTrace trace, C context, long timeNanos) {
    }

    /**
     * {@code tls_handshake_end}: the handshake finished. {@code alpn} is the negotiated application protocol
     * ({@code h2}, {@code http/1.1}) or {@code null}; on failure the strings may be {@code null} and {@code error}
     * is set.
     */
    default void onTlsHandshakeEnd(RequestTrace trace, C context, long timeNanos,
                                   String tlsVersion, String cipherSuite, String alpn, Throwable error) {
    }

    /** {@code request_headers_sent}: the final request head, including headers the client added, was written. */
    default void onRequestHeadersSent(RequestTrace trace, C context, long timeNanos,
                                      Map<String, List<String>> headers) {
    }

    /** {@code request_chunk_sent}: a piece of the request body of {@code bytes} bytes was written. */
    default void onRequestChunkSent(RequestTrace trace, C context, long timeNanos, long bytes) {
    }

    /** {@code response_headers_received}: the status line and headers of a response (or of a 1xx) were read. */
    default void onResponseHeadersReceived(RequestTrace trace, C context, long timeNanos,
                                           int status, String protocol, Map<String, List<String>> headers) {
    }

    /** {@code response_chunk_received}: a piece of the response body of {@code bytes} bytes was delivered. */
    default void onResponseChunkReceived(RequestTrace trace, C context, long timeNanos, long bytes) {
    }

    /** {@code request_redirect}: the client follows a redirect with {@code status} to {@code location}. */
    default void onRequestRedirect(RequestTrace trace, C context, long timeNanos, int status, String location) {
    }

    /** {@code request_retry}: the client re-sends the request by itself, for {@code reason}. */
    default void onRequestRetry(RequestTrace trace, C context, long timeNanos, String reason) {
    }

    /**
     * {@code connection_released}: the request gave its connection back to the pool ({@code keptAlive}) or closed it.
     */
    default void onConnectionReleased(RequestTrace trace, C context, long timeNanos,
                                      long connectionId, boolean keptAlive) {
    }

    /**
     * {@code request_end}: the exchange is complete (the body was read to its end or closed, or there was none).
     * Terminal. A status of 400 and above is still a {@code request_end}: the transport worked.
     *
     * @param bytesSent request body bytes sent, or -1 if unknown
     * @param bytesReceived response body bytes delivered, or -1 if unknown
     */
    default void onRequestEnd(RequestTrace trace, C context, long timeNanos,
                              int status, long bytesSent, long bytesReceived) {
    }

    /** {@code request_exception}: the request failed or was cancelled. Terminal. */
    default void onRequestException(RequestTrace trace, C context, long timeNanos, Throwable error) {
    }

    /** Called once when the agent stops (JVM exit or detach): flush and release resources. */
    default void close() {
    }
}
