package io.httpsignals.bootstrap;

import io.httpsignals.api.RequestTrace;

/**
 * The agent's side of a {@link RequestTrace}: besides the public identity it holds the listeners' contexts, the
 * phases that are open, and running totals. Every field below the identity is guarded by the trace's monitor, which
 * {@link SignalBus} holds while it dispatches, giving the per-request ordering and happens-before guarantees.
 */
public final class Trace implements RequestTrace {

    static final int PHASE_QUEUED = 1;
    static final int PHASE_CREATE = 1 << 1;
    static final int PHASE_DNS = 1 << 2;
    static final int PHASE_CONNECT = 1 << 3;
    static final int PHASE_TLS = 1 << 4;
    /** Not a phase: set in {@link #openPhases} once the terminal signal went out (a bit, not a boolean field, keeps
     *  the trace at 96 bytes instead of 104: it is allocated for every observed request). */
    private static final int ENDED = 1 << 31;

    private final long id;
    private final String client;
    private final String method;
    private final String url;
    private final long startNanos;

    final Dispatch dispatch;
    /** The first listener's context; the others' are in {@link #moreContexts} (most agents run one listener). */
    private Object context0;
    private final Object[] moreContexts;

    /** The {@code PHASE_*} bits of the phases now open, plus {@link #ENDED}. */
    int openPhases;
    long bytesSent;
    long bytesReceived;
    int signals;
    int lastStatus = -1;
    String openConnectAddress;
    String openDnsHost;
    InjectableHeaders headers;

    /**
     * Free for the instrumentation of one client to hang per-request state on (e.g. which hop it is on), so it
     * needs no map of its own.
     */
    public volatile Object attachment;

    Trace(long id, String client, String method, String url, long startNanos, Dispatch dispatch) {
        this.id = id;
        this.client = client;
        this.method = method;
        this.url = url;
        this.startNanos = startNanos;
        this.dispatch = dispatch;
        this.moreContexts = dispatch.slots.length > 1 ? new Object[dispatch.slots.length - 1] : null;
    }

    /** The context of the listener in slot {@code index}. */
    Object context(int index) {
        return index == 0 ? context0 : moreContexts[index - 1];
    }

    void setContext(int index, Object context) {
        if (index == 0) {
            context0 = context;
        } else {
            moreContexts[index - 1] = context;
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String client() {
        return client;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public long startEpochMicros() {
        // derived rather than stored: the same value SignalBus.epochMicros gave at the start, one field less
        return SignalBus.epochMicros(startNanos);
    }

    /** Headers listeners added at request start that the advice must send, or {@code null} if none. */
    public synchronized java.util.Map<String, java.util.List<String>> injectedHeaders() {
        return headers == null || headers.injected().isEmpty() ? null : headers.injected();
    }

    public synchronized boolean isEnded() {
        return ended();
    }

    boolean ended() {
        return (openPhases & ENDED) != 0;
    }

    void markEnded() {
        openPhases |= ENDED;
    }

    /** The status of the last response headers seen, or -1. */
    public synchronized int lastStatus() {
        return lastStatus;
    }

    public synchronized long bytesSent() {
        return bytesSent;
    }

    public synchronized long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public String toString() {
        return "RequestTrace#" + id + " " + client + " " + method + " " + url;
    }
}
