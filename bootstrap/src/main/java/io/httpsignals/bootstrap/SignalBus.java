package io.httpsignals.bootstrap;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.IncompletePhaseException;
import io.httpsignals.api.Signal;

import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The only entry point of the advice: one static method per signal. Every method is safe to call with a
 * {@code null} trace (a request that started while no listener was enabled, before the agent was attached, or
 * inside a listener) and then returns at once; none throws.
 *
 * <p>Hooks first check {@link #active()} (one volatile read) before looking anything up, so with no listener
 * enabled a hook costs that read and allocates nothing. Hooks whose signal carries costly fields (header maps,
 * address lists) check {@link #wants(Trace, Signal)} before building them.
 *
 * <p>The bus also keeps each request's lifecycle well formed whatever the hooks do: an end without its start is
 * dropped, a phase still open when the request ends is closed first (with an {@link IncompletePhaseException}
 * or the request's own error), and nothing is delivered after the terminal signal.
 */
public final class SignalBus {

    private static final AtomicLong TRACE_IDS = new AtomicLong();
    private static final AtomicLong CONNECTION_IDS = new AtomicLong();
    private static final LongAdder SIGNALS = new LongAdder();
    private static final LongAdder REQUESTS = new LongAdder();
    private static final long BASE_NANOS = System.nanoTime();
    private static final long BASE_EPOCH_MICROS = System.currentTimeMillis() * 1000L;

    private static volatile Dispatch current = Dispatch.EMPTY;
    /** Listeners replaced (detach, reconfiguration) but not yet retired: their in-flight requests still signal. */
    private static volatile Dispatch draining;

    private SignalBus() {
    }

    // ---------------------------------------------------------------- configuration (called by the agent)

    /** Enables these listeners, in dispatch order, replacing the previous set. Returns the previous snapshot. */
    public static Dispatch install(Map<String, HttpSignalListener<?>> listenersInOrder) {
        Dispatch previous = current;
        if (previous.slots.length != 0) {
            // the previous listeners still see their requests through: hooks must stay awake until retire
            draining = previous;
        }
        current = listenersInOrder.isEmpty() ? Dispatch.EMPTY : new Dispatch(listenersInOrder);
        return previous;
    }

    /** Stops dispatching to {@code dispatch}'s listeners (in-flight requests go silent) and closes them. */
    public static void retire(Dispatch dispatch) {
        dispatch.closed = true;
        if (draining == dispatch) {
            draining = null;
        }
        for (ListenerSlot slot : dispatch.slots) {
            try {
                slot.listener.close();
            } catch (Throwable e) {
                AgentLog.warn("listener '" + slot.name + "' failed to close: " + e);
            }
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for the requests that started under {@code dispatch} to end, so that
     * listeners retired by a detach or a reconfiguration see those requests through. Returns whether all ended.
     * Call after {@link #install} has replaced {@code dispatch}, so no new request joins it.
     */
    public static boolean awaitInFlight(Dispatch dispatch, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            while (dispatch.inFlight.sum() > 0) {
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                Thread.sleep(10);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static Dispatch current() {
        return current;
    }

    /** Signals delivered to at least one listener since start, counted when their request ends. */
    public static long signalCount() {
        return SIGNALS.sum();
    }

    /** Requests that emitted {@code request_start} since start. */
    public static long requestCount() {
        return REQUESTS.sum();
    }

    // ---------------------------------------------------------------- queries for hooks

    /** Whether any listener is enabled; the first check of every hook. */
    public static boolean active() {
        return current.slots.length != 0 || draining != null;
    }

    /**
     * Whether a listener of this request wants {@code signal}'s costly fields; use before building them. For
     * {@code request_headers_sent} and {@code response_headers_received} that means a listener that reads the
     * header maps ({@link SignalInterest.IgnoresHeaders}); hooks then pass {@code null}, which listeners receive as
     * an empty map.
     */
    public static boolean wants(Trace trace, Signal signal) {
        return trace != null && trace.dispatch.fieldsWanted[signal.ordinal()];
    }

    /**
     * Whether a listener enabled now wants {@code signal} of a request that has not started yet: for the
     * application's headers, which a hook gathers before it calls {@link #requestStart}.
     */
    public static boolean wantsNew(Signal signal) {
        return current.bySignal[signal.ordinal()].length != 0;
    }

    /** A new JVM-unique connection id, for instrumentation that numbers connections. */
    public static long nextConnectionId() {
        return CONNECTION_IDS.incrementAndGet();
    }

    /** Microseconds since the epoch of a {@link System#nanoTime()} value, without allocating. */
    public static long epochMicros(long nanoTime) {
        return BASE_EPOCH_MICROS + (nanoTime - BASE_NANOS) / 1000L;
    }

    // ---------------------------------------------------------------- signals

    /**
     * {@code request_start}. Returns the new trace, or {@code null} when no listener is enabled or the current
     * thread is suppressed (a listener's own request). {@code headers} are the application's request headers;
     * headers listeners add are then in {@link Trace#injectedHeaders()}.
     */
    public static Trace requestStart(String client, String method, String url, Map<String, List<String>> headers) {
        Dispatch d = current;
        if (d.slots.length == 0) {
            return null;
        }
        try {
            if (Suppression.isSuppressed()) {
                return null;
            }
            long now = System.nanoTime();
            Trace t = new Trace(TRACE_IDS.incrementAndGet(), client, method, Redaction.sanitizeUrl(url), now, d);
            REQUESTS.increment();
            synchronized (t) {
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : d.slots) {
                        try {
                            t.setContext(slot.index, slot.listener.newContext(t));
                        } catch (Throwable e) {
                            slot.failed(e, Signal.REQUEST_START);
                        }
                    }
                    ListenerSlot[] ls = d.bySignal[Signal.REQUEST_START.ordinal()];
                    if (ls.length != 0) {
                        t.signals++;
                        t.headers = new InjectableHeaders(headers);
                        for (ListenerSlot slot : ls) {
                            try {
                                slot.listener.onRequestStart(t, t.context(slot.index), now, t.headers);
                            } catch (Throwable e) {
                                slot.failed(e, Signal.REQUEST_START);
                            }
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
            d.inFlight.increment();
            return t;
        } catch (Throwable e) {
            return null;
        }
    }

    public static void connectionQueuedStart(Trace t, int leased, int pending, int max) {
        if (t == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            synchronized (t) {
                if ((t.state & Trace.HOP_CONNECTED) != 0 || !open(t, Trace.PHASE_QUEUED, now)) {
                    return;
                }
                ListenerSlot[] ls = listeners(t, Signal.CONNECTION_QUEUED_START);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onConnectionQueuedStart(t, t.context(slot.index), now, leased, pending,
                                    max);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.CONNECTION_QUEUED_START);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void connectionQueuedEnd(Trace t, Throwable error) {
        if (t == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            synchronized (t) {
                if (!close(t, Trace.PHASE_QUEUED)) {
                    return;
                }
                queuedEnd(t, now, error);
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void connectionReused(Trace t, long connectionId, String remoteAddress, String protocol) {
        if (t == null) {
            return;
        }
        try {
            long now = clockFor(t, Signal.CONNECTION_REUSECONN);
            synchronized (t) {
                if (t.ended()) {
                    return;
                }
                endWaitForConnection(t, now);
                t.state |= Trace.HOP_CONNECTED;
                ListenerSlot[] ls = listeners(t, Signal.CONNECTION_REUSECONN);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onConnectionReused(t, t.context(slot.index), now, connectionId,
                                    remoteAddress, protocol);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.CONNECTION_REUSECONN);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void connectionCreateStart(Trace t) {
        // the clock only for a request that is observed: a hook may call this with a null trace
        if (t != null) {
            connectionCreateStart(t, System.nanoTime());
        }
    }

    /** {@code connection_create_start} that happened at {@code now} ({@link System#nanoTime()}), for hooks that learn of it late. */
    public static void connectionCreateStart(Trace t, long now) {
        if (t == null) {
            return;
        }
        try {
            synchronized (t) {
                if (t.ended()) {
                    return;
                }
                endWaitForConnection(t, now);
                if (!open(t, Trace.PHASE_CREATE, now)) {
                    return;
                }
                t.state |= Trace.HOP_CONNECTED;
                ListenerSlot[] ls = listeners(t, Signal.CONNECTION_CREATE_START);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onConnectionCreateStart(t, t.context(slot.index), now);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.CONNECTION_CREATE_START);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void connectionCreateEnd(Trace t, long connectionId, String remoteAddress, String protocol,
                                           Throwable error) {
        if (t == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            synchronized (t) {
                if ((t.state & Trace.PHASE_CREATE) == 0 || t.ended()) {
                    return;
                }
                // inner phases a hook left open end before their envelope does
                closeOpen(t, Trace.PHASE_TLS | Trace.PHASE_CONNECT | Trace.PHASE_DNS, now, error,
                        "connection setup ended before this phase did");
                t.state &= ~Trace.PHASE_CREATE;
                createEnd(t, now, connectionId, remoteAddress, protocol, error);
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void dnsStart(Trace t, String host) {
        if (t != null) {
            dnsStart(t, host, System.nanoTime());
        }
    }

    /** {@code dns_resolvehost_start} that happened at {@code now}, for hooks that learn of the lookup after it. */
    public static void dnsStart(Trace t, String host, long now) {
        if (t == null) {
            return;
        }
        try {
            synchronized (t) {
                if (!open(t, Trace.PHASE_DNS, now)) {
                    return;
                }
                t.openDnsHost = host;
                ListenerSlot[] ls = listeners(t, Signal.DNS_RESOLVEHOST_START);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onDnsResolveHostStart(t, t.context(slot.index), now, host);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.DNS_RESOLVEHOST_START);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void dnsEnd(Trace t, String host, List<InetAddress> addresses, Throwable error) {
        if (t != null) {
            dnsEnd(t, host, addresses, error, System.nanoTime());
        }
    }

    /** {@code dns_resolvehost_end} that happened at {@code now}, for hooks that learn of the lookup after it. */
    public static void dnsEnd(Trace t, String host, List<InetAddress> addresses, Throwable error, long now) {
        if (t == null) {
            return;
        }
        try {
            synchronized (t) {
                if (!close(t, Trace.PHASE_DNS)) {
                    return;
                }
                dnsEndDispatch(t, now, host, addresses, error);
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void connectStart(Trace t, String address) {
        if (t == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            synchronized (t) {
                if (!open(t, Trace.PHASE_CONNECT, now)) {
                    return;
                }
                t.openConnectAddress = address;
                ListenerSlot[] ls = listeners(t, Signal.CONNECT_START);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onConnectStart(t, t.context(slot.index), now, address);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.CONNECT_START);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void connectEnd(Trace t, String address, Throwable error) {
        if (t == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            synchronized (t) {
                if (!close(t, Trace.PHASE_CONNECT)) {
                    return;
                }
                connectEndDispatch(t, now, address != null ? address : t.openConnectAddress, error);
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void tlsStart(Trace t) {
        if (t == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            synchronized (t) {
                if (!open(t, Trace.PHASE_TLS, now)) {
                    return;
                }
                ListenerSlot[] ls = listeners(t, Signal.TLS_HANDSHAKE_START);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onTlsHandshakeStart(t, t.context(slot.index), now);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.TLS_HANDSHAKE_START);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void tlsEnd(Trace t, String tlsVersion, String cipherSuite, String alpn, Throwable error) {
        if (t == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            synchronized (t) {
                if (!close(t, Trace.PHASE_TLS)) {
                    return;
                }
                tlsEndDispatch(t, now, tlsVersion, cipherSuite, alpn, error);
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void requestHeadersSent(Trace t, Map<String, List<String>> headers) {
        if (t == null) {
            return;
        }
        if (headers == null) {
            headers = Collections.emptyMap();
        }
        try {
            long now = clockFor(t, Signal.REQUEST_HEADERS_SENT);
            synchronized (t) {
                ListenerSlot[] ls = live(t, Signal.REQUEST_HEADERS_SENT);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onRequestHeadersSent(t, t.context(slot.index), now, headers);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.REQUEST_HEADERS_SENT);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void requestChunkSent(Trace t, long bytes) {
        if (t == null) {
            return;
        }
        try {
            long now = clockFor(t, Signal.REQUEST_CHUNK_SENT);
            synchronized (t) {
                if (t.ended()) {
                    return;
                }
                t.bytesSent += bytes;
                ListenerSlot[] ls = listeners(t, Signal.REQUEST_CHUNK_SENT);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onRequestChunkSent(t, t.context(slot.index), now, bytes);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.REQUEST_CHUNK_SENT);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void responseHeadersReceived(Trace t, int status, String protocol,
                                               Map<String, List<String>> headers) {
        if (t == null) {
            return;
        }
        if (headers == null) {
            headers = Collections.emptyMap();
        }
        try {
            long now = clockFor(t, Signal.RESPONSE_HEADERS_RECEIVED);
            synchronized (t) {
                if (t.ended()) {
                    return;
                }
                t.recordStatus(status);
                ListenerSlot[] ls = listeners(t, Signal.RESPONSE_HEADERS_RECEIVED);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onResponseHeadersReceived(t, t.context(slot.index), now, status,
                                    protocol, headers);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.RESPONSE_HEADERS_RECEIVED);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void responseChunkReceived(Trace t, long bytes) {
        if (t == null) {
            return;
        }
        try {
            long now = clockFor(t, Signal.RESPONSE_CHUNK_RECEIVED);
            synchronized (t) {
                if (t.ended()) {
                    return;
                }
                t.bytesReceived += bytes;
                ListenerSlot[] ls = listeners(t, Signal.RESPONSE_CHUNK_RECEIVED);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onResponseChunkReceived(t, t.context(slot.index), now, bytes);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.RESPONSE_CHUNK_RECEIVED);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void requestRedirect(Trace t, int status, String location) {
        if (t == null) {
            return;
        }
        try {
            long now = clockFor(t, Signal.REQUEST_REDIRECT);
            synchronized (t) {
                t.state &= ~Trace.HOP_CONNECTED; // a new hop acquires its connection again
                ListenerSlot[] ls = live(t, Signal.REQUEST_REDIRECT);
                if (ls == null) {
                    return;
                }
                String safeLocation = Redaction.sanitizeUrl(location);
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onRequestRedirect(t, t.context(slot.index), now, status, safeLocation);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.REQUEST_REDIRECT);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void requestRetry(Trace t, String reason) {
        if (t == null) {
            return;
        }
        try {
            long now = clockFor(t, Signal.REQUEST_RETRY);
            synchronized (t) {
                t.state &= ~Trace.HOP_CONNECTED; // a new hop acquires its connection again
                ListenerSlot[] ls = live(t, Signal.REQUEST_RETRY);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onRequestRetry(t, t.context(slot.index), now, reason);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.REQUEST_RETRY);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    public static void connectionReleased(Trace t, long connectionId, boolean keptAlive) {
        if (t == null) {
            return;
        }
        try {
            long now = clockFor(t, Signal.CONNECTION_RELEASED);
            synchronized (t) {
                ListenerSlot[] ls = live(t, Signal.CONNECTION_RELEASED);
                if (ls == null) {
                    return;
                }
                int[] depth = Suppression.depth();
                depth[0]++;
                try {
                    for (ListenerSlot slot : ls) {
                        try {
                            slot.listener.onConnectionReleased(t, t.context(slot.index), now, connectionId,
                                    keptAlive);
                        } catch (Throwable e) {
                            slot.failed(e, Signal.CONNECTION_RELEASED);
                        }
                    }
                } finally {
                    depth[0]--;
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    /** {@code request_end} with the byte totals the bus counted from the chunk signals. */
    public static void requestEnd(Trace t, int status) {
        if (t == null) {
            return;
        }
        requestEnd(t, status, -2, -2);
    }

    /**
     * {@code request_end}. Pass {@code -2} for a byte total to use the one counted from chunk signals. Returns
     * without effect if the request already ended.
     */
    public static void requestEnd(Trace t, int status, long bytesSent, long bytesReceived) {
        if (t == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            synchronized (t) {
                if (t.ended()) {
                    return;
                }
                closeOpen(t, Trace.PHASE_TLS | Trace.PHASE_CONNECT | Trace.PHASE_DNS | Trace.PHASE_CREATE
                        | Trace.PHASE_QUEUED, now, null, "the request ended before this phase did");
                t.markEnded();
                try {
                    long sent = bytesSent == -2 ? t.bytesSent : bytesSent;
                    long received = bytesReceived == -2 ? t.bytesReceived : bytesReceived;
                    ListenerSlot[] ls = listeners(t, Signal.REQUEST_END);
                    if (ls == null) {
                        return;
                    }
                    int[] depth = Suppression.depth();
                    depth[0]++;
                    try {
                        for (ListenerSlot slot : ls) {
                            try {
                                slot.listener.onRequestEnd(t, t.context(slot.index), now, status, sent, received);
                            } catch (Throwable e) {
                                slot.failed(e, Signal.REQUEST_END);
                            }
                        }
                    } finally {
                        depth[0]--;
                    }
                } finally {
                    // only once the terminal signal is delivered may a detach count the request as finished
                    t.dispatch.inFlight.decrement();
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    /** {@code request_exception}. Returns without effect if the request already ended. */
    public static void requestException(Trace t, Throwable error) {
        if (t == null) {
            return;
        }
        try {
            long now = System.nanoTime();
            synchronized (t) {
                if (t.ended()) {
                    return;
                }
                closeOpen(t, Trace.PHASE_TLS | Trace.PHASE_CONNECT | Trace.PHASE_DNS | Trace.PHASE_CREATE
                        | Trace.PHASE_QUEUED, now, error, null);
                t.markEnded();
                try {
                    ListenerSlot[] ls = listeners(t, Signal.REQUEST_EXCEPTION);
                    if (ls == null) {
                        return;
                    }
                    int[] depth = Suppression.depth();
                    depth[0]++;
                    try {
                        for (ListenerSlot slot : ls) {
                            try {
                                slot.listener.onRequestException(t, t.context(slot.index), now, error);
                            } catch (Throwable e) {
                                slot.failed(e, Signal.REQUEST_EXCEPTION);
                            }
                        }
                    } finally {
                        depth[0]--;
                    }
                } finally {
                    // only once the terminal signal is delivered may a detach count the request as finished
                    t.dispatch.inFlight.decrement();
                }
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    // ---------------------------------------------------------------- lifecycle bookkeeping (caller holds t)

    /** The listeners wanting {@code signal}, or {@code null} if none or the request is over. */
    private static ListenerSlot[] live(Trace t, Signal signal) {
        return t.ended() ? null : listeners(t, signal);
    }

    /**
     * The time of a signal that ends no phase, read only if a listener of the request wants it: the clock is most of
     * a delivered signal's cost (about 20 of 32 ns on a VM), and a listener like {@code summary} wants 3 of a
     * keep-alive request's 10 signals. Phase and terminal signals always read it: they may end other phases at
     * that time, for listeners that want those ({@code connection_reuseconn}, which may end a wait, reads it then
     * if it has not yet).
     */
    private static long clockFor(Trace t, Signal signal) {
        return t.dispatch.bySignal[signal.ordinal()].length != 0 ? System.nanoTime() : 0L;
    }

    private static ListenerSlot[] listeners(Trace t, Signal signal) {
        if (t.dispatch.closed) {
            return null;
        }
        ListenerSlot[] ls = t.dispatch.bySignal[signal.ordinal()];
        if (ls.length != 0) {
            t.signals++;
        }
        if (signal.isTerminal() && t.signals != 0) {
            // one shared-counter update per request rather than per signal: the per-signal path stays thread-local
            SIGNALS.add(t.signals);
        }
        return ls.length == 0 ? null : ls;
    }

    /** Marks a phase open, first closing a previous instance that never ended. False if the request is over. */
    private static boolean open(Trace t, int phase, long now) {
        if (t.ended()) {
            return false;
        }
        if ((t.state & phase) != 0) {
            closeOpen(t, phase, now, null, "the phase restarted before it ended");
        }
        t.state |= phase;
        return true;
    }

    /** Marks a phase closed; false (drop the end signal) if it was not open or the request is over. */
    private static boolean close(Trace t, int phase) {
        if (t.ended() || (t.state & phase) == 0) {
            return false;
        }
        t.state &= ~phase;
        return true;
    }

    /**
     * Emits the end signal of each open phase among {@code phases}, innermost first, with {@code error}, or if it is
     * {@code null} an {@link IncompletePhaseException} saying {@code incompleteWhy} (made only when a phase is open,
     * so the usual well-formed request allocates nothing here).
     */
    private static void closeOpen(Trace t, int phases, long now, Throwable error, String incompleteWhy) {
        int open = t.state & phases;
        if (open == 0) {
            return;
        }
        t.state &= ~open;
        if (error == null) {
            error = incomplete(incompleteWhy);
        }
        if ((open & Trace.PHASE_TLS) != 0) {
            tlsEndDispatch(t, now, null, null, null, error);
        }
        if ((open & Trace.PHASE_CONNECT) != 0) {
            connectEndDispatch(t, now, t.openConnectAddress, error);
        }
        if ((open & Trace.PHASE_DNS) != 0) {
            dnsEndDispatch(t, now, t.openDnsHost, null, error);
        }
        if ((open & Trace.PHASE_CREATE) != 0) {
            createEnd(t, now, -1, null, null, error);
        }
        if ((open & Trace.PHASE_QUEUED) != 0) {
            queuedEnd(t, now, error);
        }
    }

    /**
     * The request has its connection (one is being made, or an idle one was handed to it), so a wait for one that is
     * still open is over: its end comes first, without an error. A pool may grant a waiting request on another
     * thread before the hook that saw the request queue has registered it (Apache's async pool grants on the
     * releasing thread, which then goes on to connect), so that grant's own end would arrive late; the bus drops
     * it then, as any end of a phase that is not open.
     */
    private static void endWaitForConnection(Trace t, long now) {
        if ((t.state & Trace.PHASE_QUEUED) != 0) {
            t.state &= ~Trace.PHASE_QUEUED;
            // a signal no listener wants comes without its time (clockFor); the wait's end may be wanted
            queuedEnd(t, now != 0 ? now : System.nanoTime(), null);
        }
    }

    private static IncompletePhaseException incomplete(String why) {
        return new IncompletePhaseException(why);
    }

    private static void queuedEnd(Trace t, long now, Throwable error) {
        ListenerSlot[] ls = listeners(t, Signal.CONNECTION_QUEUED_END);
        if (ls == null) {
            return;
        }
        int[] depth = Suppression.depth();
        depth[0]++;
        try {
            for (ListenerSlot slot : ls) {
                try {
                    slot.listener.onConnectionQueuedEnd(t, t.context(slot.index), now, error);
                } catch (Throwable e) {
                    slot.failed(e, Signal.CONNECTION_QUEUED_END);
                }
            }
        } finally {
            depth[0]--;
        }
    }

    private static void createEnd(Trace t, long now, long connectionId, String remoteAddress, String protocol,
                                  Throwable error) {
        ListenerSlot[] ls = listeners(t, Signal.CONNECTION_CREATE_END);
        if (ls == null) {
            return;
        }
        int[] depth = Suppression.depth();
        depth[0]++;
        try {
            for (ListenerSlot slot : ls) {
                try {
                    slot.listener.onConnectionCreateEnd(t, t.context(slot.index), now,
                            error == null ? connectionId : -1, remoteAddress, protocol, error);
                } catch (Throwable e) {
                    slot.failed(e, Signal.CONNECTION_CREATE_END);
                }
            }
        } finally {
            depth[0]--;
        }
    }

    private static void dnsEndDispatch(Trace t, long now, String host, List<InetAddress> addresses,
                                       Throwable error) {
        ListenerSlot[] ls = listeners(t, Signal.DNS_RESOLVEHOST_END);
        if (ls == null) {
            return;
        }
        int[] depth = Suppression.depth();
        depth[0]++;
        try {
            for (ListenerSlot slot : ls) {
                try {
                    slot.listener.onDnsResolveHostEnd(t, t.context(slot.index), now,
                            host != null ? host : t.openDnsHost, addresses, error);
                } catch (Throwable e) {
                    slot.failed(e, Signal.DNS_RESOLVEHOST_END);
                }
            }
        } finally {
            depth[0]--;
        }
    }

    private static void connectEndDispatch(Trace t, long now, String address, Throwable error) {
        ListenerSlot[] ls = listeners(t, Signal.CONNECT_END);
        if (ls == null) {
            return;
        }
        int[] depth = Suppression.depth();
        depth[0]++;
        try {
            for (ListenerSlot slot : ls) {
                try {
                    slot.listener.onConnectEnd(t, t.context(slot.index), now, address, error);
                } catch (Throwable e) {
                    slot.failed(e, Signal.CONNECT_END);
                }
            }
        } finally {
            depth[0]--;
        }
    }

    private static void tlsEndDispatch(Trace t, long now, String tlsVersion, String cipherSuite, String alpn,
                                       Throwable error) {
        ListenerSlot[] ls = listeners(t, Signal.TLS_HANDSHAKE_END);
        if (ls == null) {
            return;
        }
        int[] depth = Suppression.depth();
        depth[0]++;
        try {
            for (ListenerSlot slot : ls) {
                try {
                    slot.listener.onTlsHandshakeEnd(t, t.context(slot.index), now, tlsVersion, cipherSuite, alpn,
                            error);
                } catch (Throwable e) {
                    slot.failed(e, Signal.TLS_HANDSHAKE_END);
                }
            }
        } finally {
            depth[0]--;
        }
    }
}
