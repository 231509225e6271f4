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
    /**
     * Not a phase: the current hop has its connection (one reused, or one being made). A wait for a connection
     * reported after that is late (another thread granted it first) and is dropped; a redirect or retry clears it.
     */
    static final int HOP_CONNECTED = 1 << 5;
    /** {@link #state} bits 8..19: the last response status + 1 (0: none yet). */
    private static final int STATUS_SHIFT = 8;
    private static final int STATUS_MASK = 0xFFF;
    /** Set in {@link #state} once the terminal signal went out. */
    private static final int ENDED = 1 << 31;

    private final long id;
    private final String client;
    private final String method;
    private final String url;
    private final long startNanos;

    final Dispatch dispatch;
    /**
     * The listeners' contexts: with one listener (most agents run one) its context itself, otherwise an array
     * indexed by slot.
     */
    private Object contexts;

    /**
     * The {@code PHASE_*} bits of the phases now open, the last response status and {@link #ENDED}, packed into one
     * word: with the contexts in one field this keeps the trace at 88 bytes, and it is allocated for every observed
     * request.
     */
    int state;
    long bytesSent;
    long bytesReceived;
    int signals;
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
        this.contexts = dispatch.slots.length > 1 ? new Object[dispatch.slots.length] : null;
    }

    /** The context of the listener in slot {@code index}. */
    Object context(int index) {
        return dispatch.slots.length == 1 ? contexts : ((Object[]) contexts)[index];
    }

    void setContext(int index, Object context) {
        if (dispatch.slots.length == 1) {
            contexts = context;
        } else {
            ((Object[]) contexts)[index] = context;
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
        return (state & ENDED) != 0;
    }

    void markEnded() {
        state |= ENDED;
    }

    void recordStatus(int status) {
        int stored = Math.max(0, Math.min(status + 1, STATUS_MASK));
        state = (state & ~(STATUS_MASK << STATUS_SHIFT)) | (stored << STATUS_SHIFT);
    }

    /** The status of the last response headers seen, or -1. */
    public synchronized int lastStatus() {
        return ((state >>> STATUS_SHIFT) & STATUS_MASK) - 1;
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
