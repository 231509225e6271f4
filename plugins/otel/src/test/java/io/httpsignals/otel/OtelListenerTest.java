package io.httpsignals.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import static io.httpsignals.otel.Requests.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtelListenerTest {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> VERSION = AttributeKey.stringKey("network.protocol.version");
    private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
    private static final AttributeKey<Long> RESENDS = AttributeKey.longKey("http.request.resend_count");
    private static final AttributeKey<Double> DURATION_MS = AttributeKey.doubleKey("httpsignals.phase.duration_ms");

    /** Every phase: pool wait 0-5, DNS 5-15, connect 15-25, TLS 25-35, sent 35-37, TTFB 37-50, body 50-60. */
    private static Requests fullRequest(Fakes.Harness h) {
        return new Requests(h.listener, "GET", "https://example.test/items?id=7").start()
                .queued(0, 5, null)
                .create(5, 11, true)
                .exchange(35, 50, 200, 58)
                .released(59, 11, true)
                .end(60, 200);
    }

    @Test
    void aRequestBecomesAClientSpanNamedByItsMethodWithThePhasesAsEvents() {
        Fakes.Harness h = new Fakes.Harness(Map.of());
        Requests r = fullRequest(h);

        SpanData span = single(h.spans.getFinishedSpanItems());
        assertEquals("GET", span.getName());
        assertEquals(SpanKind.CLIENT, span.getKind());
        Attributes a = span.getAttributes();
        assertEquals("GET", a.get(METHOD));
        assertEquals("https://example.test/items?id=7", a.get(URL));
        assertEquals("example.test", a.get(SERVER));
        assertEquals(443L, a.get(PORT));
        assertEquals(200L, a.get(STATUS));
        assertEquals("2", a.get(VERSION));
        assertNull(a.get(ERROR));
        assertNull(a.get(RESENDS));
        assertEquals("10.0.0.7", a.get(AttributeKey.stringKey("network.peer.address")));
        assertEquals("jdk-httpclient", a.get(AttributeKey.stringKey("httpsignals.client")));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
        assertEquals(epochNanos(r, 0), span.getStartEpochNanos());
        assertEquals(epochNanos(r, 60), span.getEndEpochNanos());

        // the traceparent sent downstream names this very span
        assertEquals(List.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01"),
                r.headers.get("traceparent"));

        assertEquals(List.of("pool_wait", "dns", "connect", "tls", "request_sent", "time_to_first_byte",
                "response_body"), names(span.getEvents()));
        EventData pool = event(span, "pool_wait");
        assertEquals(epochNanos(r, 0), pool.getEpochNanos());
        assertEquals(5.0, pool.getAttributes().get(DURATION_MS), 1e-9);
        assertEquals(2L, pool.getAttributes().get(AttributeKey.longKey("httpsignals.pool.leased")));
        assertEquals(1L, pool.getAttributes().get(AttributeKey.longKey("httpsignals.pool.pending")));
        assertEquals(2L, pool.getAttributes().get(AttributeKey.longKey("httpsignals.pool.max")));
        EventData dns = event(span, "dns");
        assertEquals("example.test", dns.getAttributes().get(AttributeKey.stringKey("dns.question.name")));
        assertEquals(List.of("10.0.0.7"), dns.getAttributes().get(AttributeKey.stringArrayKey("dns.answers")));
        assertEquals(10.0, dns.getAttributes().get(DURATION_MS), 1e-9);
        EventData connect = event(span, "connect");
        assertEquals("10.0.0.7", connect.getAttributes().get(AttributeKey.stringKey("network.peer.address")));
        assertEquals(443L, connect.getAttributes().get(AttributeKey.longKey("network.peer.port")));
        EventData tls = event(span, "tls");
        assertEquals("tls", tls.getAttributes().get(AttributeKey.stringKey("tls.protocol.name")));
        assertEquals("1.3", tls.getAttributes().get(AttributeKey.stringKey("tls.protocol.version")));
        assertEquals("TLS_AES_128_GCM_SHA256", tls.getAttributes().get(AttributeKey.stringKey("tls.cipher")));
        assertEquals("h2", tls.getAttributes().get(AttributeKey.stringKey("tls.next_protocol")));
        EventData sent = event(span, "request_sent");
        assertEquals(epochNanos(r, 35), sent.getEpochNanos(), "from the connection being ready");
        assertEquals(2.0, sent.getAttributes().get(DURATION_MS), 1e-9);
        assertEquals(100L, sent.getAttributes().get(AttributeKey.longKey("http.request.body.size")));
        EventData ttfb = event(span, "time_to_first_byte");
        assertEquals(epochNanos(r, 37), ttfb.getEpochNanos());
        assertEquals(13.0, ttfb.getAttributes().get(DURATION_MS), 1e-9);
        EventData body = event(span, "response_body");
        assertEquals(10.0, body.getAttributes().get(DURATION_MS), 1e-9);
        assertEquals(42L, body.getAttributes().get(AttributeKey.longKey("http.response.body.size")));
    }

    @Test
    void phasesBecomeChildSpansWhenAskedFor() {
        Fakes.Harness h = new Fakes.Harness(Map.of("phases", "spans"));
        Requests r = fullRequest(h);

        List<SpanData> spans = h.spans.getFinishedSpanItems();
        SpanData request = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
        List<SpanData> children = spans.stream().filter(s -> s != request).collect(Collectors.toList());
        assertEquals(List.of("pool_wait", "dns", "connect", "tls", "request_sent", "time_to_first_byte",
                "response_body"), children.stream().map(SpanData::getName).collect(Collectors.toList()));
        for (SpanData child : children) {
            assertEquals(request.getSpanId(), child.getParentSpanId(), child.getName());
            assertEquals(request.getTraceId(), child.getTraceId());
            assertEquals(SpanKind.INTERNAL, child.getKind());
            assertTrue(child.getStartEpochNanos() >= request.getStartEpochNanos());
            assertTrue(child.getEndEpochNanos() <= request.getEndEpochNanos());
            assertNull(child.getAttributes().get(DURATION_MS), "a span has its own duration");
        }
        SpanData tls = children.get(3);
        assertEquals(epochNanos(r, 25), tls.getStartEpochNanos());
        assertEquals(epochNanos(r, 35), tls.getEndEpochNanos());
        assertEquals("1.3", tls.getAttributes().get(AttributeKey.stringKey("tls.protocol.version")));
        assertTrue(request.getEvents().isEmpty(), "no phase events besides the child spans");
    }

    @Test
    void aFailedRequestHasErrorStatusErrorTypeAndAFailedPhase() {
        Fakes.Harness h = new Fakes.Harness(Map.of("phases", "spans"));
        Requests r = new Requests(h.listener, "POST", "http://127.0.0.1:9/upload").start();
        ConnectException refused = new ConnectException("Connection refused");
        r.l.onConnectionCreateStart(r.trace, r.s, Requests.at(0));
        r.l.onConnectStart(r.trace, r.s, Requests.at(0), "127.0.0.1:9");
        r.l.onConnectEnd(r.trace, r.s, Requests.at(3), "127.0.0.1:9", refused);
        r.l.onConnectionCreateEnd(r.trace, r.s, Requests.at(3), -1, null, null, refused);
        r.fail(4, new CompletionException(refused));

        SpanData request = h.spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT)
                .findFirst().orElseThrow();
        assertEquals("POST", request.getName());
        assertEquals(StatusCode.ERROR, request.getStatus().getStatusCode());
        assertEquals("Connection refused", request.getStatus().getDescription());
        assertEquals("java.net.ConnectException", request.getAttributes().get(ERROR));
        assertNull(request.getAttributes().get(STATUS));
        EventData exception = event(request, "exception");
        assertEquals("java.net.ConnectException",
                exception.getAttributes().get(AttributeKey.stringKey("exception.type")));
        SpanData connect = h.spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("connect"))
                .findFirst().orElseThrow();
        assertEquals(StatusCode.ERROR, connect.getStatus().getStatusCode());
        assertEquals("java.net.ConnectException", connect.getAttributes().get(ERROR));

        Collection<MetricData> metrics = h.metrics.collectAllMetrics();
        HistogramPointData duration = histogramPoint(metrics, HttpMetrics.REQUEST_DURATION);
        assertEquals("java.net.ConnectException", duration.getAttributes().get(ERROR));
        assertEquals("127.0.0.1", duration.getAttributes().get(SERVER));
        assertEquals(9L, duration.getAttributes().get(PORT));
        assertEquals(0.004, duration.getSum(), 1e-9);
        assertEquals("java.net.ConnectException",
                histogramPoint(metrics, HttpMetrics.CONNECT_DURATION).getAttributes().get(ERROR));
        LongPointData created = longPoint(metrics, HttpMetrics.CONNECTIONS_CREATED);
        assertEquals(1, created.getValue());
        assertEquals("java.net.ConnectException", created.getAttributes().get(ERROR));
    }

    @Test
    void aServerErrorStatusIsAnErrorWithTheStatusAsErrorType() {
        Fakes.Harness h = new Fakes.Harness(Map.of());
        new Requests(h.listener, "GET", "http://example.test/fail").start()
                .reuse(0, 3).exchange(1, 5, 503, 6).end(7, 503);
        SpanData span = single(h.spans.getFinishedSpanItems());
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals("503", span.getAttributes().get(ERROR));
        assertEquals(503L, span.getAttributes().get(STATUS));
        assertEquals(80L, span.getAttributes().get(PORT));
        assertEquals("1.1", span.getAttributes().get(VERSION));
        assertEquals(List.of("request_sent", "time_to_first_byte", "response_body", "connection_reused"),
                names(span.getEvents()));
    }

    @Test
    void redirectsAndRetriesCountAsResendsAndEachHopHasItsPhases() {
        Fakes.Harness h = new Fakes.Harness(Map.of());
        Requests r = new Requests(h.listener, "GET", "http://example.test/old").start()
                .reuse(0, 1).exchange(1, 5, 302, 5);
        r.l.onRequestRedirect(r.trace, r.s, Requests.at(6), 302, "https://other.test:8443/new");
        r.create(6, 2, true);
        r.l.onRequestHeadersSent(r.trace, r.s, Requests.at(40), Map.of());
        ConnectException reset = new ConnectException("reset");
        r.l.onRequestRetry(r.trace, r.s, Requests.at(45), "connection reset");
        r.reuse(46, 2).exchange(47, 60, 200, 61).end(62, 200);

        SpanData span = single(h.spans.getFinishedSpanItems());
        assertEquals(2L, span.getAttributes().get(RESENDS));
        assertEquals("http://example.test/old", span.getAttributes().get(URL));
        assertEquals("example.test", span.getAttributes().get(SERVER), "the request as the application issued it");
        assertEquals(200L, span.getAttributes().get(STATUS));
        EventData redirect = event(span, "redirect");
        assertEquals(302L, redirect.getAttributes().get(STATUS));
        assertEquals("https://other.test:8443/new",
                redirect.getAttributes().get(AttributeKey.stringKey("httpsignals.redirect.location")));
        assertEquals("connection reset",
                event(span, "retry").getAttributes().get(AttributeKey.stringKey("httpsignals.retry.reason")));
        assertEquals(3, span.getEvents().stream().filter(e -> e.getName().equals("request_sent")).count());
        // the retried hop never got a response: its wait ends at the retry
        List<EventData> ttfb = span.getEvents().stream().filter(e -> e.getName().equals("time_to_first_byte"))
                .collect(Collectors.toList());
        assertEquals(3, ttfb.size());
        assertEquals(5.0, ttfb.get(1).getAttributes().get(DURATION_MS), 1e-9);

        Collection<MetricData> metrics = h.metrics.collectAllMetrics();
        HistogramPointData tls = histogramPoint(metrics, HttpMetrics.TLS_DURATION);
        assertEquals("other.test", tls.getAttributes().get(SERVER), "phases are attributed to their hop's server");
        assertEquals(8443L, tls.getAttributes().get(PORT));
        assertEquals(2, sum(metrics, HttpMetrics.CONNECTIONS_REUSED));
        assertEquals(3, histogramPoints(metrics, HttpMetrics.TTFB_DURATION).stream()
                .mapToLong(HistogramPointData::getCount).sum());
    }

    @Test
    void theMetricsMatchTheRequests() {
        Fakes.Harness h = new Fakes.Harness(Map.of());
        fullRequest(h);
        new Requests(h.listener, "GET", "https://example.test/items?id=8").start()
                .reuse(0, 11, "HTTP/2").exchange(1, 9, 200, 10).released(11, 11, true).end(12, 200);

        Collection<MetricData> metrics = h.metrics.collectAllMetrics();
        HistogramPointData duration = histogramPoint(metrics, HttpMetrics.REQUEST_DURATION);
        assertEquals(2, duration.getCount());
        assertEquals(0.072, duration.getSum(), 1e-9);
        assertEquals(Attributes.builder().put(METHOD, "GET").put(SERVER, "example.test").put(PORT, 443L)
                .put(STATUS, 200L).put(AttributeKey.stringKey("network.protocol.name"), "http")
                .put(VERSION, "2").put(AttributeKey.stringKey("url.scheme"), "https").build(),
                duration.getAttributes());
        assertEquals("s", metric(metrics, HttpMetrics.REQUEST_DURATION).getUnit());

        HistogramPointData dns = histogramPoint(metrics, HttpMetrics.DNS_DURATION);
        assertEquals(1, dns.getCount());
        assertEquals(0.010, dns.getSum(), 1e-9);
        assertEquals("example.test", dns.getAttributes().get(AttributeKey.stringKey("dns.question.name")));
        assertEquals(0.010, histogramPoint(metrics, HttpMetrics.CONNECT_DURATION).getSum(), 1e-9);
        assertEquals(0.010, histogramPoint(metrics, HttpMetrics.TLS_DURATION).getSum(), 1e-9);
        assertEquals(0.005, histogramPoint(metrics, HttpMetrics.POOL_WAIT_DURATION).getSum(), 1e-9);
        HistogramPointData ttfb = histogramPoint(metrics, HttpMetrics.TTFB_DURATION);
        assertEquals(2, ttfb.getCount());
        assertEquals(0.013 + 0.006, ttfb.getSum(), 1e-9);
        assertEquals(1, sum(metrics, HttpMetrics.CONNECTIONS_CREATED));
        assertEquals(1, sum(metrics, HttpMetrics.CONNECTIONS_REUSED));
        assertEquals(1, sum(metrics, HttpMetrics.REQUESTS_QUEUED));

        // one connection, back in the pool after both requests
        Map<String, Long> open = longPoints(metrics, HttpMetrics.OPEN_CONNECTIONS).stream().collect(
                Collectors.toMap(p -> p.getAttributes().get(AttributeKey.stringKey("http.connection.state")),
                        LongPointData::getValue));
        assertEquals(Map.of("active", 0L, "idle", 1L), open);
        assertTrue(metrics.stream().noneMatch(m -> m.getName().equals(HttpMetrics.CONNECTION_DURATION)),
                "the connection is still open");
    }

    @Test
    void aClosedConnectionRecordsItsLifetimeAndConcurrentUsersKeepItActive() {
        Fakes.Harness h = new Fakes.Harness(Map.of());
        Requests a = new Requests(h.listener, "GET", "https://example.test/a").start().create(0, 21, true);
        Requests b = new Requests(h.listener, "GET", "https://example.test/b").start().reuse(31, 21, "HTTP/2");
        a.exchange(32, 40, 200, 41).end(42, 200);
        Map<String, Long> open = openConnections(h);
        assertEquals(1L, open.get("active"), "b still uses the HTTP/2 connection");
        b.exchange(33, 50, 200, 51).released(52, 21, false).end(53, 200);

        Collection<MetricData> metrics = h.metrics.collectAllMetrics();
        HistogramPointData lifetime = histogramPoint(metrics, HttpMetrics.CONNECTION_DURATION);
        assertEquals(1, lifetime.getCount());
        assertEquals(0.052 - 0.030, lifetime.getSum(), 1e-9);
        assertEquals("10.0.0.7", lifetime.getAttributes().get(AttributeKey.stringKey("network.peer.address")));
        assertEquals("2", lifetime.getAttributes().get(VERSION));
    }

    @Test
    void theCallersTraceparentMakesTheSpanItsChildAndIsReplacedByOurs() {
        Fakes.Harness h = new Fakes.Harness(Map.of());
        Requests r = new Requests(h.listener, "GET", "http://example.test/");
        String caller = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        r.headers.set("traceparent", caller);
        r.start().reuse(0, 1).exchange(1, 2, 200, 3).end(4, 200);

        SpanData span = single(h.spans.getFinishedSpanItems());
        assertEquals("0af7651916cd43dd8448eb211c80319c", span.getTraceId());
        assertEquals("b7ad6b7169203331", span.getParentSpanId());
        assertEquals(List.of("00-0af7651916cd43dd8448eb211c80319c-" + span.getSpanId() + "-01"),
                r.headers.get("traceparent"));
    }

    @Test
    void anUnsampledCallerGetsNoSpanButTheMetricsStillCount() {
        Fakes.Harness h = new Fakes.Harness(Map.of());
        Requests r = new Requests(h.listener, "GET", "http://example.test/");
        r.headers.set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
        r.start().reuse(0, 1).exchange(1, 2, 200, 3).end(4, 200);

        assertTrue(h.spans.getFinishedSpanItems().isEmpty());
        assertTrue(r.headers.get("traceparent").get(0).endsWith("-00"));
        assertEquals(1, histogramPoint(h.metrics.collectAllMetrics(), HttpMetrics.REQUEST_DURATION).getCount());
    }

    @Test
    void propagationCanBeTurnedOffAndAMalformedTraceparentIsIgnored() {
        Fakes.Harness off = new Fakes.Harness(Map.of("propagate", "false"));
        Requests r = new Requests(off.listener, "GET", "http://example.test/").start().end(1, 200);
        assertTrue(r.headers.get("traceparent").isEmpty());

        Fakes.Harness h = new Fakes.Harness(Map.of());
        Requests bad = new Requests(h.listener, "GET", "http://example.test/");
        bad.headers.set("traceparent", "00-zzzz-b7ad6b7169203331-01");
        bad.start().end(1, 200);
        SpanData span = single(h.spans.getFinishedSpanItems());
        assertFalse(span.getParentSpanContext().isValid());
        assertEquals("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01", bad.headers.get("traceparent").get(0));
    }

    @Test
    void anUnknownMethodIsOtherAndTheSpanIsNamedHttp() {
        Fakes.Harness h = new Fakes.Harness(Map.of());
        new Requests(h.listener, "PURGE", "http://example.test/").start().end(1, 200);
        SpanData span = single(h.spans.getFinishedSpanItems());
        assertEquals("HTTP", span.getName());
        assertEquals("_OTHER", span.getAttributes().get(METHOD));
        assertEquals("PURGE", span.getAttributes().get(AttributeKey.stringKey("http.request.method_original")));
    }

    @Test
    void theOnlySignalsOnThisBranchStillMakeACompleteSpan() {
        // request_start and request_end alone (a client whose phase hooks are not installed)
        Fakes.Harness h = new Fakes.Harness(Map.of());
        new Requests(h.listener, "GET", "http://[::1]:8080/x").start().end(9, 204);
        SpanData span = single(h.spans.getFinishedSpanItems());
        assertEquals("::1", span.getAttributes().get(SERVER));
        assertEquals(8080L, span.getAttributes().get(PORT));
        assertEquals(204L, span.getAttributes().get(STATUS));
        assertNull(span.getAttributes().get(VERSION));
        assertTrue(span.getEvents().isEmpty());
        assertNotNull(histogramPoint(h.metrics.collectAllMetrics(), HttpMetrics.REQUEST_DURATION));
    }

    @Test
    void theResourceNamesTheService() {
        Fakes.Harness h = new Fakes.Harness(Map.of("service.name", "checkout"));
        new Requests(h.listener, "GET", "http://example.test/").start().end(1, 200);
        SpanData span = single(h.spans.getFinishedSpanItems());
        assertEquals("checkout", span.getResource().getAttribute(AttributeKey.stringKey("service.name")));
        assertEquals("io.httpsignals.otel", span.getInstrumentationScopeInfo().getName());
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Long> openConnections(Fakes.Harness h) {
        return longPoints(h.metrics.collectAllMetrics(), HttpMetrics.OPEN_CONNECTIONS).stream().collect(
                Collectors.toMap(p -> p.getAttributes().get(AttributeKey.stringKey("http.connection.state")),
                        LongPointData::getValue));
    }

    private static long epochNanos(Requests r, double ms) {
        return r.trace.startEpochMicros() * 1000 + (Requests.at(ms) - T0);
    }

    private static SpanData single(List<SpanData> spans) {
        assertEquals(1, spans.size(), spans.toString());
        return spans.get(0);
    }

    private static List<String> names(List<EventData> events) {
        return events.stream().map(EventData::getName).collect(Collectors.toList());
    }

    private static EventData event(SpanData span, String name) {
        return span.getEvents().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + name + " in " + names(span.getEvents())));
    }

    static MetricData metric(Collection<MetricData> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in "
                        + metrics.stream().map(MetricData::getName).collect(Collectors.toList())));
    }

    private static List<HistogramPointData> histogramPoints(Collection<MetricData> metrics, String name) {
        return List.copyOf(metric(metrics, name).getHistogramData().getPoints());
    }

    private static HistogramPointData histogramPoint(Collection<MetricData> metrics, String name) {
        List<HistogramPointData> points = histogramPoints(metrics, name);
        assertEquals(1, points.size(), points.toString());
        return points.get(0);
    }

    private static List<LongPointData> longPoints(Collection<MetricData> metrics, String name) {
        MetricData m = metric(metrics, name);
        return List.copyOf(m.getType() == io.opentelemetry.sdk.metrics.data.MetricDataType.LONG_SUM
                ? m.getLongSumData().getPoints() : m.getLongGaugeData().getPoints());
    }

    private static LongPointData longPoint(Collection<MetricData> metrics, String name) {
        List<LongPointData> points = longPoints(metrics, name);
        assertEquals(1, points.size(), points.toString());
        return points.get(0);
    }

    private static long sum(Collection<MetricData> metrics, String name) {
        return longPoints(metrics, name).stream().mapToLong(LongPointData::getValue).sum();
    }
}
