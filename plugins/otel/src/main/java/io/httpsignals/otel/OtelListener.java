package io.httpsignals.otel;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Context;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Turns each request's signals into one OpenTelemetry CLIENT span (its phases as span events, or as child spans)
 * and into HTTP client metrics. The signals only fill the request's {@link RequestState}; the span is built in one
 * go at the terminal signal, with the signals' own times, so the SDK stays off the request path (and under the
 * default asynchronous dispatch, off the application's threads altogether). At {@code request_start}, on the
 * request's thread, it only picks the span's ids and sends them downstream in a W3C {@code traceparent} header.
 */
final class OtelListener implements HttpSignalListener<RequestState> {

    static final String TRACEPARENT = "traceparent";
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
    static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    static final AttributeKey<String> CLIENT = AttributeKey.stringKey("httpsignals.client");
    static final AttributeKey<Long> REQUEST_ID = AttributeKey.longKey("httpsignals.request.id");
    static final AttributeKey<Double> PHASE_DURATION_MS = AttributeKey.doubleKey("httpsignals.phase.duration_ms");

    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
            "OPTIONS", "TRACE", "PATCH");

    private final OtelSettings settings;
    private final OtelPipeline pipeline;
    private final ConnectionTable connections = new ConnectionTable();
    private final HttpMetrics metrics;

    OtelListener(OtelSettings settings, OtelPipeline pipeline) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.metrics = new HttpMetrics(pipeline.meter, connections);
    }

    // ------------------------------------------------------------------ request start (the request's thread)

    @Override
    public RequestState newContext(RequestTrace trace) {
        return new RequestState(trace.url());
    }

    @Override
    public void onRequestStart(RequestTrace trace, RequestState s, long timeNanos, RequestHeaders headers) {
        List<String> incoming = headers.get(TRACEPARENT);
        s.begin(incoming.isEmpty() ? null : TraceParent.parse(incoming.get(0)), newTraceId(), newSpanId());
        if (settings.propagate) {
            headers.set(TRACEPARENT, TraceParent.format(s.traceId, s.spanId, s.sampled));
        }
    }

    // ------------------------------------------------------------------ connection acquisition

    @Override
    public void onConnectionQueuedStart(RequestTrace trace, RequestState s, long t, int leased, int pending,
                                        int max) {
        s.queuedStart(t, leased, pending, max);
        metrics.requestsQueued.add(1, HttpMetrics.server(s.hop).build());
    }

    @Override
    public void onConnectionQueuedEnd(RequestTrace trace, RequestState s, long t, Throwable error) {
        s.queuedEnd(t, error);
    }

    @Override
    public void onConnectionReused(RequestTrace trace, RequestState s, long t, long connectionId,
                                   String remoteAddress, String protocol) {
        s.reused(t, connectionId, remoteAddress);
        s.connectionReady(t, connectionId, remoteAddress, protocol);
        connections.acquired(connectionId, connectionAttributes(s.hop, remoteAddress, protocol), false, t);
        metrics.connectionsReused.add(1, HttpMetrics.server(s.hop).build());
    }

    @Override
    public void onConnectionCreateEnd(RequestTrace trace, RequestState s, long t, long connectionId,
                                      String remoteAddress, String protocol, Throwable error) {
        AttributesBuilder server = HttpMetrics.server(s.hop);
        if (error != null) {
            metrics.connectionsCreated.add(1, server.put(RequestState.ERROR_TYPE, errorType(error)).build());
            return;
        }
        metrics.connectionsCreated.add(1, server.build());
        s.connectionReady(t, connectionId, remoteAddress, protocol);
        connections.acquired(connectionId, connectionAttributes(s.hop, remoteAddress, protocol), true, t);
    }

    @Override
    public void onDnsResolveHostStart(RequestTrace trace, RequestState s, long t, String host) {
        s.dnsStart(t, host);
    }

    @Override
    public void onDnsResolveHostEnd(RequestTrace trace, RequestState s, long t, String host,
                                    List<InetAddress> addresses, Throwable error) {
        s.dnsEnd(t, host, addresses, error);
    }

    @Override
    public void onConnectStart(RequestTrace trace, RequestState s, long t, String address) {
        s.connectStart(t);
    }

    @Override
    public void onConnectEnd(RequestTrace trace, RequestState s, long t, String address, Throwable error) {
        s.connectEnd(t, address, error);
    }

    @Override
    public void onTlsHandshakeStart(RequestTrace trace, RequestState s, long t) {
        s.tlsStart(t);
    }

    @Override
    public void onTlsHandshakeEnd(RequestTrace trace, RequestState s, long t, String tlsVersion, String cipherSuite,
                                  String alpn, Throwable error) {
        s.tlsEnd(t, tlsVersion, cipherSuite, alpn, error);
    }

    // ------------------------------------------------------------------ exchange

    @Override
    public void onRequestHeadersSent(RequestTrace trace, RequestState s, long t, Map<String, List<String>> headers) {
        s.headersSent(t);
    }

    @Override
    public void onRequestChunkSent(RequestTrace trace, RequestState s, long t, long bytes) {
        s.chunkSent(t, bytes);
    }

    @Override
    public void onResponseHeadersReceived(RequestTrace trace, RequestState s, long t, int status, String protocol,
                                          Map<String, List<String>> headers) {
        s.responseHeaders(t, status, protocol);
    }

    @Override
    public void onResponseChunkReceived(RequestTrace trace, RequestState s, long t, long bytes) {
        s.chunkReceived(t, bytes);
    }

    @Override
    public void onConnectionReleased(RequestTrace trace, RequestState s, long t, long connectionId,
                                     boolean keptAlive) {
        release(s, connectionId, keptAlive, t);
    }

    @Override
    public void onRequestRedirect(RequestTrace trace, RequestState s, long t, int status, String location) {
        release(s, s.connectionId, true, t);
        s.redirect(t, status, location);
    }

    @Override
    public void onRequestRetry(RequestTrace trace, RequestState s, long t, String reason) {
        release(s, s.connectionId, false, t);
        s.retry(t, reason);
    }

    // ------------------------------------------------------------------ terminal: build the telemetry

    @Override
    public void onRequestEnd(RequestTrace trace, RequestState s, long t, int status, long bytesSent,
                             long bytesReceived) {
        if (status > 0) {
            s.status = status;
        }
        finish(trace, s, t, null);
    }

    @Override
    public void onRequestException(RequestTrace trace, RequestState s, long t, Throwable error) {
        finish(trace, s, t, error);
    }

    @Override
    public void close() {
        pipeline.close();
    }

    private void finish(RequestTrace trace, RequestState s, long end, Throwable error) {
        s.closeExchange(end, error);
        release(s, s.connectionId, error == null, end);
        if (s.traceId == null) {
            // request_start was not seen (a listener started mid-request): the span still gets ids of its own
            s.begin(null, newTraceId(), newSpanId());
        }
        Hop first = new Hop(0, trace.url());
        String errorType = error != null ? errorType(error) : s.status >= 400 ? Integer.toString(s.status) : null;
        String method = KNOWN_METHODS.contains(trace.method()) ? trace.method() : "_OTHER";
        String version = protocolVersion(s.protocol != null ? s.protocol : s.connectionProtocol);

        AttributesBuilder durationAttributes = HttpMetrics.server(first).put(HttpMetrics.METHOD, method);
        if (s.status > 0) {
            durationAttributes.put(RequestState.STATUS, (long) s.status);
        }
        if (version != null) {
            durationAttributes.put(HttpMetrics.PROTOCOL_NAME, "http").put(HttpMetrics.PROTOCOL_VERSION, version);
        }
        if (first.scheme() != null) {
            durationAttributes.put(HttpMetrics.URL_SCHEME, first.scheme());
        }
        if (errorType != null) {
            durationAttributes.put(RequestState.ERROR_TYPE, errorType);
        }
        metrics.requestDuration.record((end - trace.startNanos()) / 1e9, durationAttributes.build());
        recordPhases(s, method);
        if (s.sampled) {
            writeSpans(trace, s, end, error, errorType, method, version);
        }
    }

    private void recordPhases(RequestState s, String method) {
        for (Phase p : s.phases) {
            AttributesBuilder b;
            switch (p.name) {
                case Phase.DNS:
                    b = Attributes.builder();
                    String name = p.attributes.get(RequestState.DNS_QUESTION_NAME);
                    if (name != null) {
                        b.put(RequestState.DNS_QUESTION_NAME, name);
                    }
                    metrics.dnsDuration.record(p.seconds(), withError(b, p));
                    break;
                case Phase.CONNECT:
                    b = HttpMetrics.server(p.hop);
                    String peer = p.attributes.get(RequestState.PEER_ADDRESS);
                    if (peer != null) {
                        b.put(RequestState.PEER_ADDRESS, peer);
                    }
                    metrics.connectDuration.record(p.seconds(), withError(b, p));
                    break;
                case Phase.TLS:
                    b = HttpMetrics.server(p.hop);
                    String tls = p.attributes.get(RequestState.TLS_PROTOCOL_VERSION);
                    if (tls != null) {
                        b.put(RequestState.TLS_PROTOCOL_VERSION, tls);
                    }
                    metrics.tlsDuration.record(p.seconds(), withError(b, p));
                    break;
                case Phase.POOL_WAIT:
                    metrics.poolWaitDuration.record(p.seconds(), withError(HttpMetrics.server(p.hop), p));
                    break;
                case Phase.TIME_TO_FIRST_BYTE:
                    b = HttpMetrics.server(p.hop).put(HttpMetrics.METHOD, method);
                    metrics.ttfbDuration.record(p.seconds(), withError(b, p));
                    break;
                default:
                    break;
            }
        }
    }

    private static Attributes withError(AttributesBuilder b, Phase p) {
        if (p.errorType != null) {
            b.put(RequestState.ERROR_TYPE, p.errorType);
        }
        return b.build();
    }

    private void writeSpans(RequestTrace trace, RequestState s, long end, Throwable error, String errorType,
                            String method, String version) {
        Hop first = new Hop(0, trace.url());
        AttributesBuilder a = Attributes.builder()
                .put(HttpMetrics.METHOD, method)
                .put(URL_FULL, trace.url());
        if (!method.equals(trace.method())) {
            a.put(METHOD_ORIGINAL, trace.method());
        }
        a.putAll(HttpMetrics.server(first).build());
        if (s.status > 0) {
            a.put(RequestState.STATUS, (long) s.status);
        }
        if (version != null) {
            a.put(HttpMetrics.PROTOCOL_VERSION, version);
        }
        if (s.resendCount > 0) {
            a.put(RESEND_COUNT, (long) s.resendCount);
        }
        if (errorType != null) {
            a.put(RequestState.ERROR_TYPE, errorType);
        }
        if (s.peer != null) {
            RequestState.putPeer(a, s.peer);
        }
        a.put(CLIENT, trace.client()).put(REQUEST_ID, trace.id());

        Context parent = s.remoteParent == null ? Context.root()
                : Context.root().with(Span.wrap(s.remoteParent));
        SpanBuilder builder = pipeline.tracer.spanBuilder(method.equals("_OTHER") ? "HTTP" : method)
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setStartTimestamp(epochNanos(trace, trace.startNanos()), TimeUnit.NANOSECONDS)
                .setAllAttributes(a.build());
        pipeline.ids.preset(s.traceId, s.spanId);
        Span span;
        try {
            span = builder.startSpan();
        } finally {
            pipeline.ids.clear();
        }

        Context inRequest = Context.root().with(span);
        for (Phase p : s.phases) {
            if (settings.phases == OtelSettings.PhaseMode.SPANS) {
                Span child = pipeline.tracer.spanBuilder(p.name)
                        .setSpanKind(SpanKind.INTERNAL)
                        .setParent(inRequest)
                        .setStartTimestamp(epochNanos(trace, p.startNanos), TimeUnit.NANOSECONDS)
                        .setAllAttributes(p.attributes)
                        .startSpan();
                if (p.errorType != null) {
                    child.setStatus(StatusCode.ERROR);
                }
                child.end(epochNanos(trace, p.endNanos), TimeUnit.NANOSECONDS);
            } else {
                Attributes attrs = p.attributes.toBuilder()
                        .put(PHASE_DURATION_MS, (p.endNanos - p.startNanos) / 1e6).build();
                span.addEvent(p.name, attrs, epochNanos(trace, p.startNanos), TimeUnit.NANOSECONDS);
            }
        }
        for (RequestState.Mark m : s.marks) {
            span.addEvent(m.name(), m.attributes(), epochNanos(trace, m.timeNanos()), TimeUnit.NANOSECONDS);
        }
        if (error != null) {
            span.addEvent("exception", Attributes.of(
                    AttributeKey.stringKey("exception.type"), errorType,
                    AttributeKey.stringKey("exception.message"), String.valueOf(rootCause(error).getMessage())),
                    epochNanos(trace, end), TimeUnit.NANOSECONDS);
            span.setStatus(StatusCode.ERROR, String.valueOf(rootCause(error).getMessage()));
        } else if (errorType != null) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end(epochNanos(trace, end), TimeUnit.NANOSECONDS);
    }

    // ------------------------------------------------------------------ helpers

    private void release(RequestState s, long connectionId, boolean keptAlive, long t) {
        if (connectionId < 0 || connectionId != s.connectionId) {
            return;
        }
        Attributes attributes = connections.attributesOf(connectionId);
        double lifetime = connections.released(connectionId, keptAlive, t);
        if (lifetime >= 0 && attributes != null) {
            metrics.connectionDuration.record(lifetime, attributes);
        }
        s.connectionId = -1;
    }

    private static Attributes connectionAttributes(Hop hop, String remoteAddress, String protocol) {
        AttributesBuilder b = HttpMetrics.server(hop);
        if (remoteAddress != null) {
            AttributesBuilder peer = Attributes.builder();
            RequestState.putPeer(peer, remoteAddress);
            String address = peer.build().get(RequestState.PEER_ADDRESS);
            if (address != null) {
                b.put(RequestState.PEER_ADDRESS, address);
            }
        }
        String version = protocolVersion(protocol);
        if (version != null) {
            b.put(HttpMetrics.PROTOCOL_VERSION, version);
        }
        if (hop.scheme() != null) {
            b.put(HttpMetrics.URL_SCHEME, hop.scheme());
        }
        return b.build();
    }

    private static long epochNanos(RequestTrace trace, long nanoTime) {
        return trace.startEpochMicros() * 1_000L + (nanoTime - trace.startNanos());
    }

    /** {@code HTTP/1.1} → {@code 1.1}, {@code HTTP/2} → {@code 2}, as {@code network.protocol.version} wants. */
    static String protocolVersion(String protocol) {
        if (protocol == null) {
            return null;
        }
        return protocol.regionMatches(true, 0, "HTTP/", 0, 5) ? protocol.substring(5) : protocol;
    }

    static String errorType(Throwable error) {
        return unwrap(error).getClass().getName();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static Throwable rootCause(Throwable error) {
        return unwrap(error);
    }

    private static String newTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi;
        long lo;
        do {
            hi = r.nextLong();
            lo = r.nextLong();
        } while (hi == 0 && lo == 0);
        return TraceId.fromLongs(hi, lo);
    }

    private static String newSpanId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long id;
        do {
            id = r.nextLong();
        } while (id == 0);
        return SpanId.fromLong(id);
    }
}
