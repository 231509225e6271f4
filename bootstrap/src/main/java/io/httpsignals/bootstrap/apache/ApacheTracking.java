package io.httpsignals.bootstrap.apache;

import io.httpsignals.bootstrap.Addresses;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.support.HeaderFields;
import io.httpsignals.bootstrap.support.WeakIdentityMap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import javax.net.ssl.SSLSession;

/**
 * Finds the {@link ApacheRequest} an Apache hook belongs to and turns what the hooks see into signals.
 *
 * <p>The classic clients run a request on the caller's thread, so the request being executed is a thread-local set
 * by the {@code doExecute} hooks. Work that finishes after {@code doExecute} returned or on another thread is found
 * by the object it happens on: the pool lease (released when the application consumes or closes the entity), the
 * entity's input stream (read by the application), and the pool's lease future (completed by the thread that gives
 * a connection back).
 */
public final class ApacheTracking {

    private static final ThreadLocal<ApacheRequest> CURRENT = new ThreadLocal<>();
    private static final WeakIdentityMap<Object, ApacheRequest> BY_LEASE = new WeakIdentityMap<>();
    /** The request reading from a classic connection's session buffer, or {@link #NO_REQUEST}. */
    private static final WeakIdentityMap<Object, ApacheRequest> BY_BODY_BUFFER = new WeakIdentityMap<>();
    private static final ApacheRequest NO_REQUEST = new ApacheRequest(null);
    private static final WeakIdentityMap<Object, ApacheRequest> BY_FUTURE = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, Long> CONNECTION_IDS = new WeakIdentityMap<>();
    /** Remote address of a connection, formatted once: a pooled connection serves many requests. */
    private static final WeakIdentityMap<Object, String> CONNECTION_ADDRESSES = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, ApacheRequest> ASYNC_BY_RUNTIME = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, ApacheRequest> ASYNC_BY_RESULT = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, ApacheRequest> ASYNC_BY_CONNECT = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, ApacheRequest> ASYNC_BY_CALLBACK = new WeakIdentityMap<>();
    private static final ThreadLocal<ApacheRequest> ASYNC_STARTED = new ThreadLocal<>();
    private static final ThreadLocal<Object> LEASING_FROM = new ThreadLocal<>();
    private static final ThreadLocal<LastUrl> LAST_URL = new ThreadLocal<>();

    private ApacheTracking() {
    }

    // ---------------------------------------------------------------- request scope

    /** {@code request_start}; the new request becomes this thread's current one. {@code null} when not observed. */
    public static ApacheRequest start(String client, String method, String url, Map<String, List<String>> headers) {
        io.httpsignals.bootstrap.Trace trace = SignalBus.requestStart(client, method, url, headers);
        if (trace == null) {
            return null;
        }
        ApacheRequest request = new ApacheRequest(trace);
        ApacheRequest previous = CURRENT.get();
        if (previous != null) {
            request.setup().previous = previous;
        }
        CURRENT.set(request);
        return request;
    }

    /**
     * The URL of a 5.x request head as its {@code getUri()} would spell it, from the parts the head keeps
     * ({@code getUri()} re-parses them into a new {@code URI} for every request: hundreds of bytes). A thread that
     * requests the same URL again gets the string it got last time: the head keeps no URL string to reuse, and
     * clients tend to call the same endpoints over and over.
     */
    public static String url(String scheme, String host, int port, String path) {
        LastUrl last = LAST_URL.get();
        if (last == null) {
            last = new LastUrl();
            LAST_URL.set(last);
        }
        if (last.url != null && last.port == port && host.equals(last.host) && Objects.equals(path, last.path)
                && Objects.equals(scheme, last.scheme)) {
            return last.url;
        }
        String s = scheme != null ? scheme : "http";
        String p = path != null ? path : "/";
        String slash = p.startsWith("/") ? "" : "/";
        boolean v6 = host.indexOf(':') >= 0 && !host.startsWith("[");
        String open = v6 ? "[" : "";
        String close = v6 ? "]" : "";
        // one concatenation each: one array and one string
        String url = port >= 0 ? s + "://" + open + host + close + ":" + port + slash + p
                : s + "://" + open + host + close + slash + p;
        last.scheme = scheme;
        last.host = host;
        last.port = port;
        last.path = path;
        last.url = url;
        return url;
    }

    /** The parts and the URL last made by {@link #url} on a thread. */
    private static final class LastUrl {
        String scheme;
        String host;
        int port;
        String path;
        String url;
    }

    /** The request the calling thread is executing, or {@code null}. */
    public static ApacheRequest current() {
        return CURRENT.get();
    }

    /**
     * {@code execute} returned or threw. A failure ends the request; a response ends it now if no connection is
     * held any more, else when the application consumes or closes the entity (see {@link #released}).
     */
    public static void returned(ApacheRequest request, Throwable thrown) {
        ApacheRequest.Setup setup = request.setupIfAny();
        ApacheRequest previous = setup != null ? setup.previous : null;
        if (CURRENT.get() == request) {
            CURRENT.set(previous);
        }
        if (previous != null) {
            setup.previous = null;
        }
        if (thrown != null) {
            Object lease;
            synchronized (request) {
                lease = request.lease;
                request.lease = null;
            }
            if (lease != null) {
                // still leased: no other request can be using this connection or pool entry yet
                bodyDone(request);
                if (BY_LEASE.get(lease) == request) {
                    BY_LEASE.put(lease, NO_REQUEST);
                }
            }
            SignalBus.requestException(request.trace, thrown);
            return;
        }
        boolean end;
        synchronized (request) {
            request.returned = true;
            end = request.lease == null;
        }
        if (end) {
            SignalBus.requestEnd(request.trace, request.status);
        }
    }

    /** A new hop or attempt asks the pool for a connection: reports the redirect or retry that led to it. */
    public static void hopStart(ApacheRequest request) {
        if (request == null) {
            return;
        }
        request.hopConnected = false;
        ApacheRequest.Setup setup = request.setupIfAny();
        if (setup == null) {
            return;
        }
        if (setup.pendingRedirect != null) {
            SignalBus.requestRedirect(request.trace, request.status, setup.pendingRedirect);
            setup.pendingRedirect = null;
        }
        if (setup.pendingRetry != null) {
            SignalBus.requestRetry(request.trace, setup.pendingRetry);
            setup.pendingRetry = null;
        }
        setup.connectAddresses = null;
        setup.connectAttempt = 0;
        setup.asyncCreateFailed = false;
    }

    public static void redirectDecided(ApacheRequest request, String location) {
        if (request != null) {
            request.setup().pendingRedirect = location;
        }
    }

    public static void retryDecided(ApacheRequest request, String reason) {
        if (request != null) {
            request.setup().pendingRetry = reason;
        }
    }

    // ---------------------------------------------------------------- pool

    /**
     * The pool handed out {@code lease} (a pool entry: one per connection, leased request after request, so its map
     * entry is made once and then only gets its value replaced); its release ends the request once {@code execute}
     * has returned.
     */
    public static void leased(ApacheRequest request, Object lease) {
        if (request == null || lease == null) {
            return;
        }
        synchronized (request) {
            request.lease = lease;
        }
        BY_LEASE.put(lease, request);
    }

    /** {@code connection_released}, and {@code request_end} if the response was already handed out. */
    public static void released(Object lease, boolean keptAlive) {
        ApacheRequest request = BY_LEASE.get(lease);
        if (request == null || request == NO_REQUEST) {
            return;
        }
        // the entry stays for the pool entry's next lease, naming no request (nor keeping this one reachable);
        // the pool has not taken the entry back yet, so no other request can have leased it meanwhile
        BY_LEASE.put(lease, NO_REQUEST);
        // before the connection goes back to the pool, where another request may take it
        bodyDone(request);
        if (request.hopConnected) {
            // a lease given back after its connection failed to open had no connection to release
            SignalBus.connectionReleased(request.trace, request.connectionId, keptAlive);
        }
        boolean end;
        synchronized (request) {
            if (request.lease == lease) {
                request.lease = null;
            }
            end = request.returned && request.lease == null;
        }
        if (end) {
            SignalBus.requestEnd(request.trace, request.status);
        }
    }

    /**
     * 4.5: the pool this thread's lease is in ({@code null} when it left), to read the route's maximum if it queues.
     * A thread leases one connection at a time, so a thread-local (set, never removed: no allocation) suffices.
     */
    public static void leasingFrom(Object pool) {
        LEASING_FROM.set(pool);
    }

    public static Object leasingFrom() {
        return LEASING_FROM.get();
    }

    /** {@code connection_queued_start}; {@code future} is what the pool completes when a connection is free. */
    public static void queued(ApacheRequest request, Object future, int leased, int pending, int max) {
        // a request that holds a lease or a connection, or is opening one, is not the one waiting: on the async
        // client's I/O threads the thread's current request can be another request's (better no signal than a
        // wrong one)
        if (request == null || request.lease != null || request.asyncCreating || request.hopConnected
                || request.asyncHeld || (request.setupIfAny() != null && request.setupIfAny().asyncCreateFailed)) {
            return;
        }
        request.queued = true;
        // the start first, then the entry: a thread that grants the lease meanwhile must not find the entry and end
        // a wait whose start was not out yet (the bus drops such an end, and the wait then stays open)
        SignalBus.connectionQueuedStart(request.trace, leased, pending, max);
        if (future != null) {
            BY_FUTURE.put(future, request);
            if (future instanceof Future) {
                Future<?> lease = (Future<?>) future;
                if (lease.isDone() && !lease.isCancelled()) {
                    // granted (or failed) by another thread after the hook saw it pending and before the map held
                    // it, so that completion found nothing to end; whichever removes the entry ends the wait
                    leaseCompleted(future, failureOf(lease));
                }
            }
        }
    }

    /** The failure of a completed future, or null if it succeeded ({@code get} does not block on a done future). */
    private static Throwable failureOf(Future<?> done) {
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (Throwable e) {
            return e;
        }
    }

    /** The pool completed or failed a lease future: ends the wait of the request that queued it, if any. */
    public static void leaseCompleted(Object future, Throwable error) {
        ApacheRequest request = BY_FUTURE.remove(future);
        if (request != null) {
            request.queued = false;
            SignalBus.connectionQueuedEnd(request.trace, error);
        }
    }

    /** The waiting thread stopped waiting (got a connection, or gave up with {@code error}). */
    public static void waitEnded(ApacheRequest request, Object future, Throwable error) {
        if (request == null) {
            return;
        }
        if (future != null) {
            BY_FUTURE.remove(future);
        }
        if (request.queued) {
            request.queued = false;
            SignalBus.connectionQueuedEnd(request.trace, error);
        }
    }

    // ---------------------------------------------------------------- connections

    /** The JVM-unique id of a client connection object, assigned when first seen. */
    public static long connectionId(Object connection) {
        Long id = CONNECTION_IDS.get(connection);
        if (id == null) {
            id = SignalBus.nextConnectionId();
            CONNECTION_IDS.put(connection, id);
        }
        return id;
    }

    public static void createStart(ApacheRequest request) {
        if (request != null) {
            SignalBus.connectionCreateStart(request.trace);
        }
    }

    /** The connection being set up for the current hop (a new id: a pooled slot may reconnect). */
    public static void connecting(ApacheRequest request, Object connection) {
        if (request == null || connection == null) {
            return;
        }
        long id = SignalBus.nextConnectionId();
        CONNECTION_IDS.put(connection, id);
        request.connection = connection;
        request.connectionId = id;
    }

    public static void createEnd(ApacheRequest request, String remoteAddress, String protocol, Throwable error) {
        if (request == null) {
            return;
        }
        if (error == null) {
            request.hopConnected = true;
        }
        SignalBus.connectionCreateEnd(request.trace, request.connectionId, remoteAddress, protocol, error);
    }

    /**
     * The hop is about to write its request on {@code connection}: if the hop did not create it, it took an open
     * one from the pool ({@code connection_reuseconn}).
     */
    /**
     * Whether the hop's head is the first thing this hop writes on a connection it did not open: then the advice
     * reports the reuse through {@link #sending} (and only then looks up the connection's address).
     */
    public static boolean reusing(ApacheRequest request) {
        return request != null && !request.hopConnected;
    }

    /** The formatted remote address of {@code connection} if known, else {@code null}. */
    public static String addressOf(Object connection) {
        return CONNECTION_ADDRESSES.get(connection);
    }

    /** Remembers {@code connection}'s formatted remote address (if not null) and returns it. */
    public static String rememberAddress(Object connection, String formatted) {
        if (formatted != null) {
            CONNECTION_ADDRESSES.put(connection, formatted);
        }
        return formatted;
    }

    public static void sending(ApacheRequest request, Object connection, String remoteAddress, String protocol) {
        if (request == null || request.hopConnected) {
            return;
        }
        request.hopConnected = true;
        request.connection = connection;
        request.connectionId = connectionId(connection);
        SignalBus.connectionReused(request.trace, request.connectionId, remoteAddress, protocol);
    }

    // ---------------------------------------------------------------- dns, connect, tls

    /**
     * The connection operator is about to resolve {@code host} (classic clients: it calls its {@code DnsResolver},
     * whatever the implementation): opens the lookup; true if this call opened it. The lookup ends at the first
     * connect ({@link #connectStart}) or at {@link #operatorDnsDone}.
     */
    public static boolean operatorDnsStart(ApacheRequest request, String host) {
        if (!dnsStart(request, host)) {
            return false;
        }
        request.setup().dnsByOperator = true;
        request.setup().dnsHost = host;
        request.setup().dnsResult = null;
        return true;
    }

    /** The operator returned or threw: a lookup it opened and nobody ended ends now (with the operator's error). */
    public static void operatorDnsDone(ApacheRequest request, Throwable thrown) {
        if (request != null && request.setup().dnsByOperator) {
            endOperatorDns(request, thrown);
        }
    }

    private static void endOperatorDns(ApacheRequest request, Throwable error) {
        request.setup().dnsByOperator = false;
        request.setup().dnsInner = false;
        List<InetAddress> result = request.setup().dnsResult;
        request.setup().dnsResult = null;
        // a resolver the agent does not hook leaves no result: the addresses are unknown then
        endDns(request, request.setup().dnsHost, error == null ? result : null, error);
    }

    /** Opens the lookup unless one is open already (a resolver delegating to another). True if this call opened it. */
    public static boolean dnsStart(ApacheRequest request, String host) {
        if (request != null && request.setup().dnsByOperator && !request.setup().dnsInner) {
            // the resolver the operator called: its result becomes the lookup's
            request.setup().dnsInner = true;
            return true;
        }
        if (request == null || request.setup().dnsOpen || host == null) {
            return false;
        }
        request.setup().dnsOpen = true;
        request.setup().dnsReported = !isIpLiteral(host);
        if (request.setup().dnsReported) {
            SignalBus.dnsStart(request.trace, host);
        }
        return true;
    }

    public static void dnsEnd(ApacheRequest request, String host, InetAddress[] addresses, int port,
                              Throwable error) {
        if (request == null) {
            return;
        }
        List<InetAddress> list = null;
        if (addresses != null) {
            list = new ArrayList<>(addresses.length);
            List<String> formatted = new ArrayList<>(addresses.length);
            for (InetAddress address : addresses) {
                list.add(address);
                if (port > 0) {
                    formatted.add(Addresses.format(address, port));
                }
            }
            if (port > 0) {
                request.setup().connectAddresses = formatted;
                request.setup().connectAttempt = 0;
            }
        }
        endDns(request, host, list, error);
    }

    public static void dnsEnd(ApacheRequest request, String host, List<? extends SocketAddress> addresses,
                              Throwable error) {
        if (request == null) {
            return;
        }
        List<InetAddress> list = null;
        if (addresses != null) {
            list = new ArrayList<>(addresses.size());
            List<String> formatted = new ArrayList<>(addresses.size());
            for (SocketAddress address : addresses) {
                if (address instanceof InetSocketAddress) {
                    InetAddress ip = ((InetSocketAddress) address).getAddress();
                    if (ip != null) {
                        list.add(ip);
                    }
                }
                formatted.add(Addresses.format(address));
            }
            request.setup().connectAddresses = formatted;
            request.setup().connectAttempt = 0;
        }
        endDns(request, host, list, error);
    }

    /** A hooked resolver inside the operator's lookup returned: its result is the lookup's. */
    private static void resolverReturned(ApacheRequest request, List<InetAddress> list) {
        if (list != null) {
            request.setup().dnsResult = list;
        }
    }

    private static void endDns(ApacheRequest request, String host, List<InetAddress> list, Throwable error) {
        if (request.setup().dnsInner) {
            request.setup().dnsInner = false;
            resolverReturned(request, list);
            return;
        }
        request.setup().dnsOpen = false;
        if (request.setup().dnsReported) {
            SignalBus.dnsEnd(request.trace, host, list, error);
        }
    }

    /** {@code connect_start} to the next address the last lookup returned (the client tries them in order). */
    public static void connectStartNext(ApacheRequest request, String fallbackAddress) {
        if (request == null) {
            return;
        }
        if (request.setup().dnsByOperator) {
            endOperatorDns(request, null);
        }
        request.setup().operatorCallbacks = true;
        List<String> addresses = request.setup().connectAddresses;
        String address = addresses != null && request.setup().connectAttempt < addresses.size()
                ? addresses.get(request.setup().connectAttempt) : fallbackAddress;
        request.setup().connectAttempt++;
        SignalBus.connectStart(request.trace, address);
    }

    /**
     * Whether socket-factory hooks should report connect and TLS for this request: not when the connection
     * operator's own callbacks (5.4+) do, which may call a legacy factory inside their brackets.
     */
    public static boolean socketFactoryReports(ApacheRequest request) {
        return request != null && !request.setup().operatorCallbacks;
    }

    public static void connectStart(ApacheRequest request, SocketAddress address) {
        if (request != null) {
            if (request.setup().dnsByOperator) {
                endOperatorDns(request, null);
            }
            SignalBus.connectStart(request.trace, Addresses.format(address));
        }
    }

    public static void connectEnd(ApacheRequest request, Throwable error) {
        if (request != null) {
            SignalBus.connectEnd(request.trace, null, error);
        }
    }

    public static void tlsStart(ApacheRequest request) {
        if (request != null) {
            SignalBus.tlsStart(request.trace);
        }
    }

    public static void tlsEnd(ApacheRequest request, SSLSession session, String alpn, Throwable error) {
        if (request == null) {
            return;
        }
        String version = session != null ? session.getProtocol() : null;
        String cipher = session != null ? session.getCipherSuite() : null;
        SignalBus.tlsEnd(request.trace, version, cipher, alpn == null || alpn.isEmpty() ? null : alpn, error);
    }

    // ---------------------------------------------------------------- exchange

    public static void headersSent(ApacheRequest request, Map<String, List<String>> headers) {
        if (request != null) {
            SignalBus.requestHeadersSent(request.trace, headers);
        }
    }

    public static void chunkSent(ApacheRequest request, long bytes) {
        if (request != null && request.sendingEntity && bytes > 0) {
            SignalBus.requestChunkSent(request.trace, bytes);
        }
    }

    public static void responseHeaders(ApacheRequest request, int status, String protocol,
                                       Map<String, List<String>> headers) {
        if (request == null) {
            return;
        }
        if (status >= 200) {
            request.status = status;
        }
        SignalBus.responseHeadersReceived(request.trace, status, protocol, headers);
    }

    /**
     * A classic response body stream reading from {@code buffer} (its connection's session buffer) was made: if
     * the thread is executing a request, reads from that buffer are its response chunks until its lease goes back.
     * Keyed by the buffer, not the stream: a pooled connection serves many requests with one buffer, so its entry
     * is made once and then only gets its value replaced, which allocates nothing.
     */
    public static void bodyStreamMade(Object buffer) {
        ApacheRequest request = CURRENT.get();
        if (request == null || buffer == null || request.async) {
            return;
        }
        BY_BODY_BUFFER.put(buffer, request);
        request.bodyBuffer = buffer;
    }

    /** A read of a body stream reading from {@code buffer} returned {@code bytes} (-1 at the end). */
    public static void bodyRead(Object buffer, long bytes) {
        if (bytes <= 0) {
            return;
        }
        ApacheRequest request = BY_BODY_BUFFER.get(buffer);
        if (request != null) {
            // NO_REQUEST's trace is null: the bus ignores it
            SignalBus.responseChunkReceived(request.trace, bytes);
        }
    }

    /**
     * The hop's body was read or abandoned: its buffer's entry stops naming the request (a sentinel, so the entry
     * stays for the connection's next request and the request is not kept reachable).
     */
    private static void bodyDone(ApacheRequest request) {
        Object buffer = request.bodyBuffer;
        if (buffer == null) {
            return;
        }
        request.bodyBuffer = null;
        if (BY_BODY_BUFFER.get(buffer) == request) {
            BY_BODY_BUFFER.put(buffer, NO_REQUEST);
        }
    }

    /** Collects one header into a signal's header map made by {@link #newHeaderMap}. */
    public static void addHeader(Map<String, List<String>> headers, String name, String value) {
        ((HeaderFields) headers).add(name, value);
    }

    /** A compact ordered header map (two arrays, no hash node nor list per header). */
    public static Map<String, List<String>> newHeaderMap() {
        return new HeaderFields(12);
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return !host.isEmpty();
    }

    // ---------------------------------------------------------------- async 5.x

    /**
     * {@code request_start} of an async request, keyed by its exec runtime (one per {@code execute}); returns
     * {@code null} if the runtime's request already started (a retry re-enters) or nothing is observed.
     */
    public static ApacheRequest asyncStart(Object runtime, String client, String method, String url,
                                           Map<String, List<String>> headers) {
        if (runtime == null || ASYNC_BY_RUNTIME.get(runtime) != null) {
            return null;
        }
        io.httpsignals.bootstrap.Trace trace = SignalBus.requestStart(client, method, url, headers);
        if (trace == null) {
            return null;
        }
        ApacheRequest request = new ApacheRequest(trace);
        request.async = true;
        ASYNC_BY_RUNTIME.put(runtime, request);
        ASYNC_STARTED.set(request);
        return request;
    }

    public static ApacheRequest async(Object runtime) {
        return ASYNC_BY_RUNTIME.get(runtime);
    }

    /** {@code execute} returned its future: its completion ends the request started during the call. */
    public static void asyncReturned(Object future, Throwable thrown) {
        ApacheRequest request = ASYNC_STARTED.get();
        // set(null), not remove(): a removed entry is made anew by the next request on this thread
        ASYNC_STARTED.set(null);
        if (request == null) {
            return;
        }
        if (thrown != null) {
            SignalBus.requestException(request.trace, thrown);
        } else if (future != null) {
            ASYNC_BY_RESULT.put(future, request);
            // the future may have completed on an I/O thread before it was registered (a refused connection fails
            // that fast): then nobody else will end the request (the bus keeps the terminal signal unique)
            if (future instanceof java.util.concurrent.Future && ((java.util.concurrent.Future<?>) future).isDone()
                    && ASYNC_BY_RESULT.remove(future) != null) {
                endFromDoneFuture(request, (java.util.concurrent.Future<?>) future);
            }
        }
    }

    private static void endFromDoneFuture(ApacheRequest request, java.util.concurrent.Future<?> future) {
        if (future.isCancelled()) {
            SignalBus.requestException(request.trace,
                    new java.util.concurrent.CancellationException("request cancelled"));
            return;
        }
        try {
            future.get();
            asyncResult(request, request.status);
        } catch (java.util.concurrent.ExecutionException e) {
            SignalBus.requestException(request.trace, e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            SignalBus.requestException(request.trace, e);
        }
    }

    /**
     * Makes {@code request} the thread's current one for the duration of a runtime call. Returns what to pass to
     * {@link #exitAsync}: the previous one, or a marker for none (never {@code null}, so an advice can return it as
     * its only state, without an array).
     */
    public static ApacheRequest enterAsync(ApacheRequest request) {
        ApacheRequest previous = CURRENT.get();
        CURRENT.set(request);
        return previous != null ? previous : NO_REQUEST;
    }

    public static void exitAsync(ApacheRequest previous) {
        CURRENT.set(previous != NO_REQUEST ? previous : null);
    }

    public static void asyncCreateStart(ApacheRequest request) {
        if (request != null) {
            request.asyncCreating = true;
            request.setup().connectionH2 = false;
            SignalBus.connectionCreateStart(request.trace);
        }
    }

    /** The connection manager's connect future of the current async request. */
    public static void asyncConnecting(Object future) {
        ApacheRequest request = CURRENT.get();
        if (request != null && future != null) {
            ASYNC_BY_CONNECT.put(future, request);
        }
    }

    /** Any httpcore5 future completed: ends what an async request waited on (lease, connect, the whole request). */
    public static void futureDone(Object future, int status, Throwable error, boolean cancelled) {
        if (!cancelled) {
            // a cancelled lease (the waiter timed out) ends with the waiter's own error
            leaseCompleted(future, error);
        }
        ApacheRequest created = ASYNC_BY_CONNECT.remove(future);
        if (created != null) {
            asyncCreateEnd(created, error);
        }
        ApacheRequest ended = ASYNC_BY_RESULT.remove(future);
        if (ended != null) {
            if (error != null || cancelled) {
                SignalBus.requestException(ended.trace,
                        error != null ? error : new java.util.concurrent.CancellationException("request cancelled"));
            } else {
                asyncResult(ended, status > 0 ? status : ended.status);
            }
        }
    }

    /**
     * The result future completed. The exec chain gives the endpoint back only after that (the response consumer
     * completes the future before the exchange's completion releases the endpoint): while the endpoint is held,
     * {@code request_end} waits for {@code connection_released}, so the order is the classic client's.
     */
    private static void asyncResult(ApacheRequest request, int status) {
        synchronized (request) {
            if (request.asyncHeld) {
                request.asyncEnding = true;
                request.status = status;
                return;
            }
        }
        SignalBus.requestEnd(request.trace, status);
    }

    /** The connection being opened for the current async request is ready ({@code error == null}) or failed. */
    private static void asyncCreateEnd(ApacheRequest request, Throwable error) {
        if (!request.asyncCreating) {
            return;
        }
        request.asyncCreating = false;
        if (request.setup().tlsOpen) {
            request.setup().tlsOpen = false;
            SignalBus.tlsEnd(request.trace, null, null, null,
                    error != null ? error : new javax.net.ssl.SSLException("handshake not completed"));
        }
        if (error == null) {
            synchronized (request) {
                request.asyncHeld = true;
            }
            createEnd(request, request.setup().connectionAddress, request.setup().connectionH2 ? "HTTP/2" : "HTTP/1.1", null);
        } else {
            request.setup().asyncCreateFailed = true;
            createEnd(request, null, null, error);
        }
    }

    /** A connect callback object (session requester, connection operator) made for the thread's async request. */
    public static void asyncCallback(Object callback) {
        ApacheRequest request = CURRENT.get();
        if (request != null && request.async && callback != null) {
            ASYNC_BY_CALLBACK.put(callback, request);
        }
    }

    /** The async request a connect callback object was made for, or {@code null}. */
    public static ApacheRequest asyncByCallback(Object callback) {
        return callback != null ? ASYNC_BY_CALLBACK.get(callback) : null;
    }

    /**
     * The session requester resolved {@code host} for the thread's async request: {@code addresses} is what the
     * client's {@code DnsResolver} returned ({@code InetAddress[]} in 5.2, a list of socket addresses in 5.6).
     */
    public static void asyncDnsResolved(String host, Object addresses) {
        ApacheRequest request = CURRENT.get();
        if (request == null || !request.async || !request.setup().dnsOpen) {
            return;
        }
        if (addresses instanceof InetAddress[]) {
            dnsEnd(request, host, (InetAddress[]) addresses, -1, null);
        } else if (addresses instanceof List) {
            List<SocketAddress> list = new ArrayList<>();
            for (Object address : (List<?>) addresses) {
                if (address instanceof SocketAddress) {
                    list.add((SocketAddress) address);
                }
            }
            dnsEnd(request, host, list, null);
        }
    }

    /** The session requester returned: a lookup still open failed (the returned future holds the error). */
    public static void asyncDnsDone(ApacheRequest request, String host, Object future, Throwable thrown) {
        if (request == null || !request.setup().dnsOpen) {
            return;
        }
        Throwable error = thrown;
        if (error == null && future instanceof java.util.concurrent.Future
                && ((java.util.concurrent.Future<?>) future).isDone()) {
            try {
                ((java.util.concurrent.Future<?>) future).get();
            } catch (java.util.concurrent.ExecutionException e) {
                error = e.getCause() != null ? e.getCause() : e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                error = e;
            }
        }
        endDns(request, host, null, error);
    }

    /** {@code connect_start} of one address the session requester tries. */
    public static void asyncConnectStart(ApacheRequest request, SocketAddress address) {
        if (request != null && request.asyncCreating) {
            SignalBus.connectStart(request.trace, Addresses.format(address));
        }
    }

    public static void asyncConnectEnd(ApacheRequest request, Throwable error) {
        if (request != null && request.asyncCreating) {
            SignalBus.connectEnd(request.trace, null, error);
        }
    }

    /** The TLS upgrade of the connection being opened for the thread's async request starts. */
    public static void asyncTlsStart() {
        ApacheRequest request = CURRENT.get();
        if (request != null && request.async && request.asyncCreating) {
            request.setup().tlsOpen = true;
            SignalBus.tlsStart(request.trace);
        }
    }

    public static void asyncTlsEnd(ApacheRequest request, SSLSession session, String alpn) {
        if (request != null && request.setup().tlsOpen) {
            request.setup().tlsOpen = false;
            request.setup().connectionH2 = "h2".equals(alpn);
            tlsEnd(request, session, alpn, null);
        }
    }

    /** The client connection object wrapping the session just opened for the thread's async request. */
    public static void asyncConnectionOpened(Object connection, SocketAddress remote) {
        ApacheRequest request = CURRENT.get();
        if (request != null && request.async && request.asyncCreating) {
            connecting(request, connection);
            request.setup().connectionAddress = Addresses.format(remote);
        }
    }

    /**
     * The thread's async request submits its exchange to {@code connection}: a hop that did not open a connection
     * reuses this pooled one.
     */
    public static void asyncSubmitted(Object connection, SocketAddress remote, String protocol) {
        ApacheRequest request = CURRENT.get();
        if (request == null || !request.async) {
            return;
        }
        if (!asyncHopUnconnected(request)) {
            return;
        }
        request.hopConnected = true;
        request.connection = connection;
        request.connectionId = connectionId(connection);
        String address = addressOf(connection);
        if (address == null) {
            address = rememberAddress(connection, Addresses.format(remote));
        }
        synchronized (request) {
            request.asyncHeld = true;
        }
        SignalBus.connectionReused(request.trace, request.connectionId, address, protocol);
    }

    /**
     * An async hop's exchange goes out: starts the hop a redirect or retry left pending (the async chain keeps its
     * endpoint across a redirect to the same route, so no new lease starts it); true if the hop has not reported
     * its connection yet. A connect still open ends here: its future may complete after the exchange went out.
     */
    private static boolean asyncHopUnconnected(ApacheRequest request) {
        ApacheRequest.Setup setup = request.setupIfAny();
        if (setup != null && (setup.pendingRedirect != null || setup.pendingRetry != null)) {
            hopStart(request);
        }
        if (request.hopConnected) {
            return false;
        }
        if (request.asyncCreating) {
            asyncCreateEnd(request, null);
            return false;
        }
        return true;
    }

    /** The thread's async request writes its body: each write is a {@code request_chunk_sent}. */
    public static ApacheRequest enterAsyncSending(ApacheRequest request) {
        request.sendingEntity = true;
        return enterAsync(request);
    }

    /** The body write of the thread's current request (made so by {@link #enterAsyncSending}) returned. */
    public static void exitAsyncSending(ApacheRequest previous) {
        ApacheRequest request = CURRENT.get();
        if (request != null) {
            request.sendingEntity = false;
        }
        exitAsync(previous);
    }

    /** The async exchange hands its request head to the connection (reusing it if this hop did not open it). */
    public static void asyncSending(ApacheRequest request) {
        if (request == null) {
            return;
        }
        if (!asyncHopUnconnected(request)) {
            return;
        }
        // submitted where no hook saw it (an endpoint connected inside execute): the connection is unknown
        request.hopConnected = true;
        synchronized (request) {
            request.asyncHeld = true;
        }
        SignalBus.connectionReused(request.trace, -1, null, null);
    }

    /**
     * The exec runtime gives its endpoint back ({@code keptAlive}: to the pool, still open) or discards it:
     * {@code connection_released}, then the {@code request_end} that waited for it.
     */
    public static void asyncReleased(ApacheRequest request, boolean keptAlive) {
        if (request == null) {
            return;
        }
        boolean held;
        boolean end;
        synchronized (request) {
            held = request.asyncHeld;
            request.asyncHeld = false;
            end = request.asyncEnding;
            request.asyncEnding = false;
        }
        if (held) {
            SignalBus.connectionReleased(request.trace, request.connectionId, keptAlive);
        }
        if (end) {
            SignalBus.requestEnd(request.trace, request.status);
        }
    }

    public static void chunkReceived(ApacheRequest request, long bytes) {
        if (request != null && bytes > 0) {
            SignalBus.responseChunkReceived(request.trace, bytes);
        }
    }
}
