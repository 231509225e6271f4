package io.httpsignals.agent.listeners;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.RequestTrace;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Drives a listener through one request's signals directly, with made-up times, as the bus would deliver them:
 * {@code newContext} first, then each signal in order. Times are milliseconds after the request's start.
 */
public final class SyntheticRequest<C> {

    public static final long MS = 1_000_000L;

    private final HttpSignalListener<C> listener;
    private final FakeTrace trace;
    private final C context;

    private SyntheticRequest(HttpSignalListener<C> listener, FakeTrace trace) {
        this.listener = listener;
        this.trace = trace;
        this.context = listener.newContext(trace);
    }

    @SuppressWarnings("unchecked")
    public static <C> SyntheticRequest<C> start(HttpSignalListener<?> listener, long id, String client,
                                                String method, String url) {
        return new SyntheticRequest<>((HttpSignalListener<C>) listener,
                new FakeTrace(id, client, method, url, 1_000_000_000L));
    }

    public C context() {
        return context;
    }

    public RequestTrace trace() {
        return trace;
    }

    private long at(double ms) {
        return trace.startNanos() + (long) (ms * MS);
    }

    public SyntheticRequest<C> queued(double fromMs, double toMs) {
        listener.onConnectionQueuedStart(trace, context, at(fromMs), 5, 2, 5);
        listener.onConnectionQueuedEnd(trace, context, at(toMs), null);
        return this;
    }

    public SyntheticRequest<C> reused(double atMs, long connectionId) {
        listener.onConnectionReused(trace, context, at(atMs), connectionId, "127.0.0.1:8443", "HTTP/1.1");
        return this;
    }

    /** A new connection: DNS, connect and TLS back to back from {@code fromMs}; {@code tls} 0 for none. */
    public SyntheticRequest<C> created(double fromMs, double dns, double connect, double tls, long connectionId) {
        double t = fromMs;
        listener.onConnectionCreateStart(trace, context, at(t));
        if (dns > 0) {
            listener.onDnsResolveHostStart(trace, context, at(t), "example.test");
            t += dns;
            listener.onDnsResolveHostEnd(trace, context, at(t), "example.test",
                    List.of(InetAddress.getLoopbackAddress()), null);
        }
        listener.onConnectStart(trace, context, at(t), "127.0.0.1:8443");
        t += connect;
        listener.onConnectEnd(trace, context, at(t), "127.0.0.1:8443", null);
        if (tls > 0) {
            listener.onTlsHandshakeStart(trace, context, at(t));
            t += tls;
            listener.onTlsHandshakeEnd(trace, context, at(t), "TLSv1.3", "TLS_AES_128_GCM_SHA256", "http/1.1",
                    null);
        }
        listener.onConnectionCreateEnd(trace, context, at(t), connectionId, "127.0.0.1:8443", "HTTP/1.1", null);
        return this;
    }

    public SyntheticRequest<C> connectFailed(double fromMs, double toMs, Throwable error) {
        listener.onConnectionCreateStart(trace, context, at(fromMs));
        listener.onConnectStart(trace, context, at(fromMs), "127.0.0.1:1");
        listener.onConnectEnd(trace, context, at(toMs), "127.0.0.1:1", error);
        listener.onConnectionCreateEnd(trace, context, at(toMs), -1, null, null, error);
        return this;
    }

    public SyntheticRequest<C> responseHeaders(double atMs, int status) {
        listener.onRequestHeadersSent(trace, context, at(atMs), Map.of());
        listener.onResponseHeadersReceived(trace, context, at(atMs), status, "HTTP/1.1", Map.of());
        return this;
    }

    public SyntheticRequest<C> end(double atMs, int status) {
        listener.onRequestEnd(trace, context, at(atMs), status, 0, 100);
        return this;
    }

    public SyntheticRequest<C> fail(double atMs, Throwable error) {
        listener.onRequestException(trace, context, at(atMs), error);
        return this;
    }

    /** A {@link RequestTrace} with fixed values. */
    public record FakeTrace(long id, String client, String method, String url, long startNanos)
            implements RequestTrace {
        @Override
        public long startEpochMicros() {
            return 1_700_000_000_000_000L;
        }
    }
}
