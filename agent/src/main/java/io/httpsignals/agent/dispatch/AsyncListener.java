package io.httpsignals.agent.dispatch;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignals;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;
import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.AgentLog;
import io.httpsignals.bootstrap.ListenerFaults;
import io.httpsignals.bootstrap.SignalInterest;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Asynchronous dispatch ({@code httpsignals.dispatch=async}): hands a listener its signals through a bounded queue
 * drained by a daemon thread, so a slow listener (disk, network) never blocks a request.
 *
 * <ul>
 *   <li>{@code request_start} (and the listener's {@code newContext}) still runs on the request's thread: that is
 *       where headers can be injected, and it orders everything after it.</li>
 *   <li>A request is admitted only while the queue is less than half full; the signals of a request that was not
 *       admitted are dropped whole and counted, so the listener never sees half a request.</li>
 *   <li>An admitted request's signals are offered to the queue; if it is full the signal is dropped and counted,
 *       except the terminal signal, which goes to a side lane so every admitted request is ended.</li>
 *   <li>At close (JVM exit, detach) the queue is drained for at most {@code dispatch.flush.ms}.</li>
 * </ul>
 */
public final class AsyncListener implements HttpSignalListener<AsyncListener.RequestState>, SignalInterest.Declared {

    private static final LongAdder DROPPED_TOTAL = new LongAdder();

    /** The per-request state: the wrapped listener's own context, and whether the request was admitted. */
    static final class RequestState {
        final RequestTrace trace;
        final boolean admitted;
        Object delegateContext;

        RequestState(RequestTrace trace, boolean admitted) {
            this.trace = trace;
            this.admitted = admitted;
        }
    }

    private final String name;
    private final HttpSignalListener<Object> delegate;
    private final Set<Signal> wanted;
    /** Each request thread's signal being filled in, before {@link #offer} copies it into the ring. */
    private static final ThreadLocal<QueuedSignal> SCRATCH = ThreadLocal.withInitial(QueuedSignal::new);

    /** How many emptied slots are kept for reuse: enough for the usual queue depth, few objects kept after a burst. */
    static final int SPARE_SLOTS = 256;

    /**
     * The queue: a ring of slots guarded by its own monitor, held only to copy a signal in or out, never while a
     * signal is delivered. Emptied slots go to {@link #spares} and are reused, so a queue the drainer keeps up
     * with allocates nothing; a burst deeper than the spares makes new slots, which are dropped again. The drainer
     * waits on the ring's monitor while it is empty.
     */
    private final QueuedSignal[] ring;
    private int head;
    private int count;
    private final QueuedSignal[] spares = new QueuedSignal[SPARE_SLOTS];
    private int spareCount;
    /** Terminal signals that found the ring full (then copied into new objects: overflow is rare). */
    private final ConcurrentLinkedQueue<QueuedSignal> terminals = new ConcurrentLinkedQueue<>();
    private final int admissionLimit;
    private final long flushMillis;
    private final LongAdder dropped = new LongAdder();
    /**
     * Signals queued and not yet fully delivered: an empty queue alone does not mean the drainer has finished the
     * signal it took last, and close must not close the listener under it.
     */
    private final AtomicInteger undelivered = new AtomicInteger();
    private final Thread drainer;
    private volatile boolean closing;

    @SuppressWarnings("unchecked")
    public AsyncListener(String name, HttpSignalListener<?> delegate, int capacity, long flushMillis) {
        this.name = name;
        this.delegate = (HttpSignalListener<Object>) delegate;
        this.wanted = SignalInterest.of(delegate);
        // the terminal signals are what closes a request's state in the listener: always deliver them
        this.wanted.add(Signal.REQUEST_END);
        this.wanted.add(Signal.REQUEST_EXCEPTION);
        this.ring = new QueuedSignal[capacity];
        this.admissionLimit = capacity / 2;
        this.flushMillis = flushMillis;
        this.drainer = new Thread(this::drain, "httpsignals-dispatch-" + name);
        drainer.setDaemon(true);
        drainer.start();
    }

    /** Signals dropped by every asynchronous listener since start. */
    public static long droppedTotal() {
        return DROPPED_TOTAL.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    @Override
    public Set<Signal> wantedSignals() {
        return wanted;
    }

    @Override
    public boolean readsHeaders() {
        return SignalInterest.readsHeaders(delegate);
    }

    @Override
    public RequestState newContext(RequestTrace trace) {
        RequestState state = new RequestState(trace, queued() < admissionLimit && !closing);
        if (state.admitted) {
            state.delegateContext = delegate.newContext(trace);
        } else {
            drop();
        }
        return state;
    }

    @Override
    public void onRequestStart(RequestTrace trace, RequestState s, long timeNanos, RequestHeaders headers) {
        if (s.admitted && wanted.contains(Signal.REQUEST_START)) {
            delegate.onRequestStart(trace, s.delegateContext, timeNanos, headers);
        }
    }

    @Override
    public void onConnectionQueuedStart(RequestTrace trace, RequestState s, long timeNanos, int leased, int pending,
                                        int max) {
        QueuedSignal q = signal(Signal.CONNECTION_QUEUED_START, s, timeNanos);
        if (q != null) {
            q.i1 = leased;
            q.i2 = pending;
            q.i3 = max;
            offer(q);
        }
    }

    @Override
    public void onConnectionQueuedEnd(RequestTrace trace, RequestState s, long timeNanos, Throwable error) {
        QueuedSignal q = signal(Signal.CONNECTION_QUEUED_END, s, timeNanos);
        if (q != null) {
            q.o1 = error;
            offer(q);
        }
    }

    @Override
    public void onConnectionReused(RequestTrace trace, RequestState s, long timeNanos, long connectionId,
                                   String remoteAddress, String protocol) {
        QueuedSignal q = signal(Signal.CONNECTION_REUSECONN, s, timeNanos);
        if (q != null) {
            q.l1 = connectionId;
            q.o1 = remoteAddress;
            q.o2 = protocol;
            offer(q);
        }
    }

    @Override
    public void onConnectionCreateStart(RequestTrace trace, RequestState s, long timeNanos) {
        QueuedSignal q = signal(Signal.CONNECTION_CREATE_START, s, timeNanos);
        if (q != null) {
            offer(q);
        }
    }

    @Override
    public void onConnectionCreateEnd(RequestTrace trace, RequestState s, long timeNanos, long connectionId,
                                      String remoteAddress, String protocol, Throwable error) {
        QueuedSignal q = signal(Signal.CONNECTION_CREATE_END, s, timeNanos);
        if (q != null) {
            q.l1 = connectionId;
            q.o1 = remoteAddress;
            q.o2 = protocol;
            q.o3 = error;
            offer(q);
        }
    }

    @Override
    public void onDnsResolveHostStart(RequestTrace trace, RequestState s, long timeNanos, String host) {
        QueuedSignal q = signal(Signal.DNS_RESOLVEHOST_START, s, timeNanos);
        if (q != null) {
            q.o1 = host;
            offer(q);
        }
    }

    @Override
    public void onDnsResolveHostEnd(RequestTrace trace, RequestState s, long timeNanos, String host,
                                    List<InetAddress> addresses, Throwable error) {
        QueuedSignal q = signal(Signal.DNS_RESOLVEHOST_END, s, timeNanos);
        if (q != null) {
            q.o1 = host;
            q.o2 = addresses;
            q.o3 = error;
            offer(q);
        }
    }

    @Override
    public void onConnectStart(RequestTrace trace, RequestState s, long timeNanos, String address) {
        QueuedSignal q = signal(Signal.CONNECT_START, s, timeNanos);
        if (q != null) {
            q.o1 = address;
            offer(q);
        }
    }

    @Override
    public void onConnectEnd(RequestTrace trace, RequestState s, long timeNanos, String address, Throwable error) {
        QueuedSignal q = signal(Signal.CONNECT_END, s, timeNanos);
        if (q != null) {
            q.o1 = address;
            q.o2 = error;
            offer(q);
        }
    }

    @Override
    public void onTlsHandshakeStart(RequestTrace trace, RequestState s, long timeNanos) {
        QueuedSignal q = signal(Signal.TLS_HANDSHAKE_START, s, timeNanos);
        if (q != null) {
            offer(q);
        }
    }

    @Override
    public void onTlsHandshakeEnd(RequestTrace trace, RequestState s, long timeNanos, String tlsVersion,
                                  String cipherSuite, String alpn, Throwable error) {
        QueuedSignal q = signal(Signal.TLS_HANDSHAKE_END, s, timeNanos);
        if (q != null) {
            q.o1 = tlsVersion;
            q.o2 = cipherSuite;
            q.o3 = alpn;
            q.o4 = error;
            offer(q);
        }
    }

    @Override
    public void onRequestHeadersSent(RequestTrace trace, RequestState s, long timeNanos,
                                     Map<String, List<String>> headers) {
        QueuedSignal q = signal(Signal.REQUEST_HEADERS_SENT, s, timeNanos);
        if (q != null) {
            q.o1 = headers;
            offer(q);
        }
    }

    @Override
    public void onRequestChunkSent(RequestTrace trace, RequestState s, long timeNanos, long bytes) {
        QueuedSignal q = signal(Signal.REQUEST_CHUNK_SENT, s, timeNanos);
        if (q != null) {
            q.l1 = bytes;
            offer(q);
        }
    }

    @Override
    public void onResponseHeadersReceived(RequestTrace trace, RequestState s, long timeNanos, int status,
                                          String protocol, Map<String, List<String>> headers) {
        QueuedSignal q = signal(Signal.RESPONSE_HEADERS_RECEIVED, s, timeNanos);
        if (q != null) {
            q.i1 = status;
            q.o1 = protocol;
            q.o2 = headers;
            offer(q);
        }
    }

    @Override
    public void onResponseChunkReceived(RequestTrace trace, RequestState s, long timeNanos, long bytes) {
        QueuedSignal q = signal(Signal.RESPONSE_CHUNK_RECEIVED, s, timeNanos);
        if (q != null) {
            q.l1 = bytes;
            offer(q);
        }
    }

    @Override
    public void onRequestRedirect(RequestTrace trace, RequestState s, long timeNanos, int status, String location) {
        QueuedSignal q = signal(Signal.REQUEST_REDIRECT, s, timeNanos);
        if (q != null) {
            q.i1 = status;
            q.o1 = location;
            offer(q);
        }
    }

    @Override
    public void onRequestRetry(RequestTrace trace, RequestState s, long timeNanos, String reason) {
        QueuedSignal q = signal(Signal.REQUEST_RETRY, s, timeNanos);
        if (q != null) {
            q.o1 = reason;
            offer(q);
        }
    }

    @Override
    public void onConnectionReleased(RequestTrace trace, RequestState s, long timeNanos, long connectionId,
                                     boolean keptAlive) {
        QueuedSignal q = signal(Signal.CONNECTION_RELEASED, s, timeNanos);
        if (q != null) {
            q.l1 = connectionId;
            q.flag = keptAlive;
            offer(q);
        }
    }

    @Override
    public void onRequestEnd(RequestTrace trace, RequestState s, long timeNanos, int status, long bytesSent,
                             long bytesReceived) {
        if (s.admitted) {
            QueuedSignal q = SCRATCH.get().set(Signal.REQUEST_END, s, timeNanos);
            q.i1 = status;
            q.l1 = bytesSent;
            q.l2 = bytesReceived;
            offerTerminal(q);
        }
    }

    @Override
    public void onRequestException(RequestTrace trace, RequestState s, long timeNanos, Throwable error) {
        if (s.admitted) {
            QueuedSignal q = SCRATCH.get().set(Signal.REQUEST_EXCEPTION, s, timeNanos);
            q.o1 = error;
            offerTerminal(q);
        }
    }

    @Override
    public void close() {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushMillis);
        while (undelivered.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = undelivered.get();
        if (left > 0) {
            AgentLog.warn("listener '" + name + "' did not finish " + left + " queued signals within "
                    + flushMillis + " ms at shutdown; they are dropped");
        }
        drainer.interrupt();
        try {
            delegate.close();
        } catch (Throwable e) {
            AgentLog.warn("listener '" + name + "' failed to close: " + e);
        }
    }

    // ------------------------------------------------------------------ queueing

    private QueuedSignal signal(Signal signal, RequestState s, long timeNanos) {
        return s.admitted && wanted.contains(signal) ? SCRATCH.get().set(signal, s, timeNanos) : null;
    }

    private int queued() {
        synchronized (ring) {
            return count;
        }
    }

    /** Copies {@code q} (the thread's scratch signal) into the ring; false if the ring is full. */
    private boolean enqueue(QueuedSignal q) {
        synchronized (ring) {
            if (count == ring.length) {
                return false;
            }
            QueuedSignal slot;
            if (spareCount > 0) {
                slot = spares[--spareCount];
                spares[spareCount] = null;
            } else {
                slot = new QueuedSignal();
            }
            slot.copyFrom(q);
            ring[(head + count) % ring.length] = slot;
            count++;
            if (count == 1) {
                ring.notify();
            }
            return true;
        }
    }

    private void offer(QueuedSignal q) {
        undelivered.incrementAndGet();
        boolean queued = enqueue(q);
        q.clear();
        if (!queued) {
            undelivered.decrementAndGet();
            drop();
        }
    }

    private void offerTerminal(QueuedSignal q) {
        undelivered.incrementAndGet();
        if (!enqueue(q)) {
            QueuedSignal overflow = new QueuedSignal();
            overflow.copyFrom(q);
            terminals.add(overflow);
        }
        q.clear();
    }

    private void drop() {
        dropped.increment();
        DROPPED_TOTAL.increment();
    }

    private void drain() {
        HttpSignals.unobserveCurrentThread();
        ListenerFaults faults = ListenerFaults.of(name);
        QueuedSignal q = new QueuedSignal();
        while (true) {
            boolean taken = false;
            synchronized (ring) {
                if (count == 0 && terminals.isEmpty()) {
                    try {
                        ring.wait(100);
                    } catch (InterruptedException e) {
                        if (count == 0 && terminals.isEmpty()) {
                            return;
                        }
                    }
                }
                if (count > 0) {
                    QueuedSignal slot = ring[head];
                    ring[head] = null;
                    q.copyFrom(slot);
                    slot.clear();
                    if (spareCount < spares.length) {
                        spares[spareCount++] = slot;
                    }
                    head = (head + 1) % ring.length;
                    count--;
                    taken = true;
                }
            }
            // terminal signals that overflowed the queue follow everything queued before them
            if (!taken) {
                QueuedSignal overflow = terminals.poll();
                if (overflow == null) {
                    continue;
                }
                q.copyFrom(overflow);
            }
            try {
                deliver(q);
            } catch (Throwable e) {
                faults.failed(e, q.signal);
            } finally {
                q.clear();
                undelivered.decrementAndGet();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void deliver(QueuedSignal q) {
        RequestTrace t = q.request.trace;
        Object c = q.request.delegateContext;
        long n = q.timeNanos;
        switch (q.signal) {
            case CONNECTION_QUEUED_START -> delegate.onConnectionQueuedStart(t, c, n, q.i1, q.i2, q.i3);
            case CONNECTION_QUEUED_END -> delegate.onConnectionQueuedEnd(t, c, n, (Throwable) q.o1);
            case CONNECTION_REUSECONN -> delegate.onConnectionReused(t, c, n, q.l1, (String) q.o1, (String) q.o2);
            case CONNECTION_CREATE_START -> delegate.onConnectionCreateStart(t, c, n);
            case CONNECTION_CREATE_END -> delegate.onConnectionCreateEnd(t, c, n, q.l1, (String) q.o1,
                    (String) q.o2, (Throwable) q.o3);
            case DNS_RESOLVEHOST_START -> delegate.onDnsResolveHostStart(t, c, n, (String) q.o1);
            case DNS_RESOLVEHOST_END -> delegate.onDnsResolveHostEnd(t, c, n, (String) q.o1,
                    (List<InetAddress>) q.o2, (Throwable) q.o3);
            case CONNECT_START -> delegate.onConnectStart(t, c, n, (String) q.o1);
            case CONNECT_END -> delegate.onConnectEnd(t, c, n, (String) q.o1, (Throwable) q.o2);
            case TLS_HANDSHAKE_START -> delegate.onTlsHandshakeStart(t, c, n);
            case TLS_HANDSHAKE_END -> delegate.onTlsHandshakeEnd(t, c, n, (String) q.o1, (String) q.o2,
                    (String) q.o3, (Throwable) q.o4);
            case REQUEST_HEADERS_SENT -> delegate.onRequestHeadersSent(t, c, n, (Map<String, List<String>>) q.o1);
            case REQUEST_CHUNK_SENT -> delegate.onRequestChunkSent(t, c, n, q.l1);
            case RESPONSE_HEADERS_RECEIVED -> delegate.onResponseHeadersReceived(t, c, n, q.i1, (String) q.o1,
                    (Map<String, List<String>>) q.o2);
            case RESPONSE_CHUNK_RECEIVED -> delegate.onResponseChunkReceived(t, c, n, q.l1);
            case REQUEST_REDIRECT -> delegate.onRequestRedirect(t, c, n, q.i1, (String) q.o1);
            case REQUEST_RETRY -> delegate.onRequestRetry(t, c, n, (String) q.o1);
            case CONNECTION_RELEASED -> delegate.onConnectionReleased(t, c, n, q.l1, q.flag);
            case REQUEST_END -> delegate.onRequestEnd(t, c, n, q.i1, q.l1, q.l2);
            case REQUEST_EXCEPTION -> delegate.onRequestException(t, c, n, (Throwable) q.o1);
            default -> {
                // request_start is delivered on the request's thread
            }
        }
    }
}
