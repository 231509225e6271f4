package io.httpsignals.bootstrap.jdkhttp;

import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.Addresses;
import io.httpsignals.bootstrap.Redaction;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.support.HeaderFields;
import io.httpsignals.bootstrap.support.WeakIdentityMap;

import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * The JDK client's signal logic, called by the advice with plain values (this class cannot see
 * {@code java.net.http} types). Connections ({@code HttpConnection} objects) get an id the first time a request
 * acquires them; a pooled connection keeps its id, so reuse repeats it.
 */
public final class JdkHttpSignals {

    public static final String HTTP_1_1 = "HTTP/1.1";
    public static final String HTTP_2 = "HTTP/2";

    private static final WeakIdentityMap<Object, Long> CONNECTION_IDS = new WeakIdentityMap<>();
    /**
     * The request an HTTP/1.1 connection currently serves, for its release; {@link #NO_OWNER} between requests, so
     * a pooled connection keeps its entry (no new one per reuse) without keeping a finished request alive.
     */
    private static final WeakIdentityMap<Object, Object> CONNECTION_OWNERS = new WeakIdentityMap<>();
    private static final Object NO_OWNER = new Object();
    /** The request that opened a connection whose set-up ({@code finishConnect}) has not completed yet. */
    private static final WeakIdentityMap<Object, Trace> CONNECTING = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, Object> HTTP2_TRANSPORTS = new WeakIdentityMap<>();
    /** The failure of a TCP connect the connection is about to try again (only ever filled on that failure path). */
    private static final WeakIdentityMap<Object, Throwable> RETRIED_CONNECTS = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, String> ADDRESSES = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, Object> STREAM_CONNECTIONS = new WeakIdentityMap<>();
    private static volatile MethodHandle connectedProbe;
    /** Set while {@code closeOrReturnToCache} runs: whether it put the connection back into the pool. */
    private static final String RESPONSE_INPUT_STREAM =
            "jdk.internal.net.http.ResponseSubscribers$HttpResponseInputStream";
    private static final ThreadLocal<boolean[]> RETURNED_TO_POOL = ThreadLocal.withInitial(() -> new boolean[1]);

    private JdkHttpSignals() {
    }

    // ---------------------------------------------------------------- hops

    /**
     * {@code MultiExchange.responseAsyncImpl()} runs once per attempt ({@code previousAttempts} of them ran before):
     * after the first, it is a redirect or retry.
     */
    public static void attemptStarting(Trace trace, int previousAttempts, Throwable retryCause) {
        if (trace == null || previousAttempts == 0) {
            return;
        }
        RequestState state = JdkHttpTraces.state(trace);
        if (state != null && state.redirectLocation != null) {
            SignalBus.requestRedirect(trace, state.redirectStatus, state.redirectLocation);
            state.redirectLocation = null;
            state.redirectStatus = -1;
        } else {
            // a connection set-up the failed attempt left open failed with it
            SignalBus.connectionCreateEnd(trace, -1, null, null,
                    retryCause != null ? retryCause : new java.io.IOException("attempt failed; the client retries"));
            SignalBus.requestRetry(trace, retryCause == null ? "resent by the client" : String.valueOf(retryCause));
        }
    }

    /** The redirect filter chose to follow {@code status} to {@code location}; announced when the next hop starts. */
    public static void redirectFollowed(Trace trace, int status, String location) {
        if (trace != null) {
            RequestState state = JdkHttpTraces.stateFor(trace);
            state.redirectStatus = status;
            state.redirectLocation = location;
        }
    }

    // ---------------------------------------------------------------- DNS

    /**
     * {@code HttpRequestImpl.getAddress()} resolved {@code host}, starting at {@code startedNanos}. The JDK resolves
     * before it looks in its pool, so the lookup is kept and reported, with its own times, inside the connection
     * creation it leads to (whose envelope then starts when the lookup did); none when a connection is reused.
     */
    public static void hostResolved(Trace trace, String host, InetSocketAddress result, long startedNanos) {
        if (trace == null || host == null || result == null || isIpLiteral(host)) {
            return;
        }
        RequestState state = JdkHttpTraces.stateFor(trace);
        state.dnsHost = host;
        state.dnsAddress = result.getAddress();
        state.dnsFailed = result.isUnresolved();
        state.dnsStartNanos = startedNanos;
        state.dnsEndNanos = System.nanoTime();
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0 || host.startsWith("[")) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- connections

    /**
     * {@code HttpConnection.getConnection(...)} returned {@code connection}: one a request acquired before, or one
     * already open ({@code alreadyOpen}, pooled before the agent was attached), came from the pool; any other is new
     * and its set-up starts.
     */
    public static void connectionAcquired(Trace trace, Object connection, InetSocketAddress address,
                                          boolean http2, boolean alreadyOpen) {
        if (trace == null || connection == null) {
            return;
        }
        RequestState state = JdkHttpTraces.state(trace);
        String dnsHost = null;
        InetAddress dnsAddress = null;
        boolean dnsFailed = false;
        long dnsStart = 0;
        long dnsEnd = 0;
        if (state != null) {
            dnsHost = state.dnsHost;
            dnsAddress = state.dnsAddress;
            dnsFailed = state.dnsFailed;
            dnsStart = state.dnsStartNanos;
            dnsEnd = state.dnsEndNanos;
            state.dnsHost = null;
            state.dnsAddress = null;
        }
        if (alreadyOpen || CONNECTION_IDS.get(connection) != null) {
            // only the HTTP/1.1 pool hands out an open connection (maybe one opened before the agent was attached)
            CONNECTION_OWNERS.put(connection, trace);
            SignalBus.connectionReused(trace, idOf(connection), addressOf(connection, address), HTTP_1_1);
            return;
        }
        idOf(connection);
        ADDRESSES.put(connection, Addresses.format(address));
        if (!http2) {
            CONNECTION_OWNERS.put(connection, trace);
        }
        CONNECTING.put(connection, trace);
        if (dnsHost != null && dnsStart != 0) {
            long start = dnsStart;
            long end = dnsEnd;
            SignalBus.connectionCreateStart(trace, start);
            SignalBus.dnsStart(trace, dnsHost, start);
            if (dnsFailed || dnsAddress == null) {
                SignalBus.dnsEnd(trace, dnsHost, null, new UnknownHostException(dnsHost), end);
            } else {
                SignalBus.dnsEnd(trace, dnsHost, Collections.singletonList(dnsAddress), null, end);
            }
        } else {
            SignalBus.connectionCreateStart(trace);
        }
    }

    /** The formatted peer of {@code connection}, kept from its creation so a reuse builds no string. */
    private static String addressOf(Object connection, InetSocketAddress address) {
        String formatted = ADDRESSES.get(connection);
        if (formatted == null) {
            // pooled before the agent was attached
            formatted = Addresses.format(address);
            ADDRESSES.put(connection, formatted);
        }
        return formatted;
    }

    /** A new {@code Http2Connection} runs on {@code connection}, whose id it shares. */
    public static void http2ConnectionOpened(Object http2, Object connection) {
        if (http2 != null && connection != null) {
            HTTP2_TRANSPORTS.put(http2, connection);
        }
    }

    /** The request's stream joins the live {@code Http2Connection} {@code http2}. */
    public static void http2ConnectionReused(Trace trace, Object http2) {
        RequestState state = JdkHttpTraces.state(trace);
        if (state != null) {
            state.dnsHost = null;
            state.dnsAddress = null;
        }
        Object connection = HTTP2_TRANSPORTS.get(http2);
        Object key = connection != null ? connection : http2;
        SignalBus.connectionReused(trace, idOf(key), ADDRESSES.get(key), HTTP_2);
    }

    /** {@code HttpConnection.connected()}, looked up once by the hook inside {@code HttpConnection}. */
    public static MethodHandle connectedProbe() {
        return connectedProbe;
    }

    public static void connectedProbe(MethodHandle probe) {
        connectedProbe = probe;
    }

    public static long idOf(Object connection) {
        Long id = CONNECTION_IDS.get(connection);
        if (id == null) {
            id = CONNECTION_IDS.putIfAbsent(connection, SignalBus.nextConnectionId());
        }
        return id;
    }

    /** The id of a connection a request acquired, or -1 for one no request acquired (e.g. the TCP part of TLS). */
    public static long knownIdOf(Object connection) {
        Long id = CONNECTION_IDS.get(connection);
        return id == null ? -1 : id;
    }

    /**
     * {@code canRetryConnect} said yes: the connection swallows this failure and connects again, so the failure is
     * kept for the next {@code connectAsync} to end the first attempt's phase with.
     */
    public static void connectWillBeRetried(Object connection, Throwable failure) {
        if (failure != null) {
            RETRIED_CONNECTS.put(connection, failure);
        }
    }

    /** The failure of this connection's previous connect attempt if it is being retried now, removed; else null. */
    public static Throwable retriedConnectFailure(Object connection) {
        return RETRIED_CONNECTS.remove(connection);
    }

    /** The request whose connection set-up {@code connection} is doing, removed; null if none. */
    public static Trace connectingFor(Object connection) {
        return CONNECTING.remove(connection);
    }

    /**
     * Entry of {@code closeOrReturnToCache}: returns the request that owns {@code connection}, taking the connection
     * from it now, before the pool can hand it to another request (whose ownership must not be undone at exit).
     */
    public static Trace releasing(Object connection) {
        RETURNED_TO_POOL.get()[0] = false;
        Object owner = CONNECTION_OWNERS.replace(connection, NO_OWNER);
        return owner instanceof Trace ? (Trace) owner : null;
    }

    /** {@code ConnectionPool.returnToPool} ran inside {@code closeOrReturnToCache}. */
    public static void returnedToPool() {
        RETURNED_TO_POOL.get()[0] = true;
    }

    /** Exit of {@code closeOrReturnToCache}: the connection went back to the pool or was closed. */
    public static void http1ConnectionReleased(Object connection, Trace owner) {
        boolean[] returned = RETURNED_TO_POOL.get();
        boolean keptAlive = returned[0];
        returned[0] = false;
        SignalBus.connectionReleased(owner, knownIdOf(connection), keptAlive);
    }

    /** The {@code Stream} {@code stream} sends its headers on the {@code Http2Connection} {@code http2}. */
    public static void http2StreamOpened(Object stream, Object http2) {
        if (stream != null && http2 != null) {
            STREAM_CONNECTIONS.put(stream, http2);
        }
    }

    /** The body subscriber {@code subscriber} completes: for an HTTP/2 stream, the stream has ended. */
    public static void bodyCompleting(Object subscriber) {
        Object stream = JdkHttpTraces.http2StreamOf(subscriber);
        if (stream != null) {
            http2StreamEnded(JdkHttpTraces.forExchangeImpl(stream), stream);
        }
    }

    /**
     * The peer ended the request's HTTP/2 stream (END_STREAM): the stream no longer holds the connection, which
     * stays open for other streams. Reported once per stream, before the body completes and the request ends (the
     * client's own {@code closeStream} runs only after the application got its body).
     */
    public static void http2StreamEnded(Trace trace, Object stream) {
        Object http2 = STREAM_CONNECTIONS.remove(stream);
        if (trace == null || http2 == null) {
            return;
        }
        Object connection = HTTP2_TRANSPORTS.get(http2);
        SignalBus.connectionReleased(trace, knownIdOf(connection != null ? connection : http2), true);
    }

    // ---------------------------------------------------------------- TLS

    /** Ends a connection creation: the TLS handshake result first (if {@code engine} is not null). */
    public static void connectionReady(Trace trace, long connectionId, InetSocketAddress address, SSLEngine engine,
                                       Throwable error) {
        String protocol = HTTP_1_1;
        if (engine != null) {
            String version = null;
            String cipher = null;
            String alpn = null;
            if (error == null) {
                SSLSession session = engine.getSession();
                version = session.getProtocol();
                cipher = session.getCipherSuite();
                alpn = engine.getApplicationProtocol();
                if (alpn != null && alpn.isEmpty()) {
                    alpn = null;
                }
            }
            SignalBus.tlsEnd(trace, version, cipher, alpn, error);
            if ("h2".equals(alpn)) {
                protocol = HTTP_2;
            }
        }
        SignalBus.connectionCreateEnd(trace, connectionId, Addresses.format(address), protocol, error);
    }

    // ---------------------------------------------------------------- request and response

    /** HTTP/1.1: the request head exactly as written (status line and headers in ISO-8859-1). */
    public static void http1HeadersSent(Trace trace, List<ByteBuffer> head) {
        Map<String, List<String>> headers = null;
        if (SignalBus.wants(trace, Signal.REQUEST_HEADERS_SENT) && head != null) {
            ByteBuffer only = head.size() == 1 ? head.get(0) : null;
            if (only != null && only.hasArray()) {
                // the JDK writes a head as one buffer over an array: parsed where it is, not copied
                int from = only.arrayOffset() + only.position();
                headers = parseHead(only.array(), from, from + only.remaining());
            } else {
                int length = 0;
                for (int i = 0; i < head.size(); i++) {
                    length += head.get(i).remaining();
                }
                byte[] bytes = new byte[length];
                int at = 0;
                for (int i = 0; i < head.size(); i++) {
                    ByteBuffer buffer = head.get(i);
                    int n = buffer.remaining();
                    buffer.get(buffer.position(), bytes, at, n); // absolute: the buffer's position stays
                    at += n;
                }
                headers = parseHead(bytes, 0, length);
            }
        }
        SignalBus.requestHeadersSent(trace, headers);
    }

    /**
     * The header fields of the request head in {@code head[from, to)} (the request line and lines without a name are
     * skipped).
     */
    static Map<String, List<String>> parseHead(byte[] head, int from, int to) {
        HeaderFields headers = new HeaderFields(8);
        int line = nextLine(head, from, to); // after the request line
        while (line < to) {
            int end = lineEnd(head, line, to);
            int colon = -1;
            for (int i = line; i < end; i++) {
                if (head[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon > line) {
                String name = HeaderFields.latin1(head, line, colon, true);
                headers.add(name, HeaderFields.latin1(head, colon + 1, end, !Redaction.isSensitiveHeader(name)));
            }
            line = nextLine(head, end, to);
        }
        return headers;
    }

    /** The index of the CR LF ending the line at {@code from}, or {@code length}. */
    private static int lineEnd(byte[] b, int from, int length) {
        for (int i = from; i + 1 < length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return length;
    }

    private static int nextLine(byte[] b, int from, int length) {
        int end = lineEnd(b, from, length);
        return Math.min(length, end + 2);
    }

    /** HTTP/2: the headers the stream encodes: the client's own ones, then the application's. */
    public static void http2HeadersSent(Trace trace, Map<String, List<String>> system,
                                        Map<String, List<String>> user) {
        Map<String, List<String>> headers = Collections.emptyMap();
        if (SignalBus.wants(trace, Signal.REQUEST_HEADERS_SENT)) {
            headers = new LinkedHashMap<>();
            if (system != null) {
                headers.putAll(system);
            }
            if (user != null) {
                for (Map.Entry<String, List<String>> e : user.entrySet()) {
                    headers.merge(e.getKey(), e.getValue(), JdkHttpSignals::concat);
                }
            }
        }
        SignalBus.requestHeadersSent(trace, headers);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The client built the application's response ({@code HttpResponseImpl}) with its body, just before it completes
     * the request's future: the request ends here, on the client's thread, before the application can see the
     * response. A body that is the client's response {@code InputStream} ends the request when the application
     * reads it to its end or closes it. Responses without a body object (204, HEAD, a discarded body, and the
     * responses a redirect or authentication filter replaced) end when the future completes: the client may still
     * release the connection in between.
     */
    public static void responseBuilt(Object exchange, Object body, int status) {
        Trace trace = JdkHttpTraces.forCurrentExchange(exchange);
        if (trace == null || body == null) {
            return;
        }
        if (RESPONSE_INPUT_STREAM.equals(body.getClass().getName())) {
            JdkHttpTraces.stateFor(trace).endsWithStream = true;
            JdkHttpTraces.bind(body, trace);
        } else {
            SignalBus.requestEnd(trace, status);
        }
    }

    /** The application read the response stream to its end or closed it. */
    public static void streamFinished(Object stream) {
        Trace trace = JdkHttpTraces.unbind(stream);
        if (trace != null) {
            SignalBus.requestEnd(trace, trace.lastStatus());
        }
    }

    public static boolean endsWithStream(Trace trace) {
        RequestState state = JdkHttpTraces.state(trace);
        return state != null && state.endsWithStream;
    }
}
