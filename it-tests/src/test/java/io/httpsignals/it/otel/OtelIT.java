package io.httpsignals.it.otel;

import io.httpsignals.it.apps.OtelApp;
import io.httpsignals.it.support.Certificates;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildProcess;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.Ports;
import io.httpsignals.it.support.RecordedRequest;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import io.httpsignals.it.support.SignalRecord;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code otel} plugin jar as an operator uses it: loaded through {@code httpsignals.plugins} into a child JVM
 * whose requests are exported over OTLP/HTTP to a receiver in this test, which decodes them with the published
 * OpenTelemetry proto classes. The child also writes the {@code log} listener's signals, so every span can be
 * checked against the signals its request really emitted: the phase events (or child spans) expected are derived
 * from the signals, and so are the phase metrics. Clients whose hooks are not installed in this build emit nothing;
 * every span that does arrive is checked. The first two tests leave the export delay at its default (longer than
 * the child runs), so what they receive is what the plugin flushes when the JVM exits.
 */
class OtelIT {

    private static final HexFormat HEX = HexFormat.of();
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @TempDir
    Path dir;

    private static String pluginJar() {
        String jar = System.getProperty("httpsignals.otel.jar");
        assertNotNull(jar, "system property httpsignals.otel.jar (set by the it-tests pom)");
        assertTrue(Files.isRegularFile(Path.of(jar)), "the plugin jar is built before these tests: " + jar);
        return jar;
    }

    private Map<String, String> agentOptions(OtlpReceiver receiver, Path log, String... more) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("plugins", pluginJar());
        options.put("listeners", "log,otel");
        options.put("log.file", log.toString());
        options.put("otel.endpoint", receiver == null ? "" : receiver.endpoint());
        options.put("otel.service.name", "otel-it");
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return options;
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void everyRequestBecomesAClientSpanWithItsPhasesAndMetrics(Jdks.Jdk jdk) throws Exception {
        Path log = dir.resolve("signals.jsonl");
        try (OtlpReceiver receiver = OtlpReceiver.start(); Http1Server server = Http1Server.start()) {
            String refused = "http://127.0.0.1:" + Ports.refused() + "/refused";
            ChildResult result = ChildJvm.on(jdk)
                    .withAgent(agentOptions(receiver, log))
                    .mainClass(OtelApp.class)
                    .args("jdk", server.uri("/hello?c=jdk").toString(),
                            "jdk-async", server.uri("/echo?c=jdk-async").toString(),
                            "jdk", server.uri("/status/404?c=jdk-404").toString(),
                            "jdk-fail", refused,
                            "urlconnection", server.uri("/hello?c=urlconnection").toString(),
                            "apache5", server.uri("/hello?c=apache5").toString())
                    .run();
            assertExitedNormally(result);
            assertEquals(List.of("jdk 200", "jdk-async 200", "jdk 404", "jdk-fail java.net.ConnectException",
                    "urlconnection 200", "apache5 200"), result.stdoutLines());
            assertQuietStderr(result);
            assertTrue(result.stderrLines().stream().noneMatch(l -> l.startsWith("httpsignals: otel:")),
                    result.describe());
            assertEquals(List.of(), receiver.problems());

            SignalLog signals = SignalLog.read(log);
            assertGrammarWhereHooked(signals);
            List<OtlpReceiver.ReceivedSpan> spans = receiver.spans();
            // every request the signals show is one span, and every span is one of those requests
            assertEquals(signals.requests().size(), spans.size(), describe(spans) + signals.dump());
            for (RequestSignals request : signals.requests()) {
                OtlpReceiver.ReceivedSpan received = spanFor(spans, request.url());
                assertEquals("otel-it", attributes(received.resource().getAttributesList()).get("service.name"));
                assertEquals("io.httpsignals.otel", received.scope());
                assertRequestSpan(received.span(), request, server);
                assertEquals(expectedEvents(request, false), eventCounts(received.span()), request.describe());
            }

            // the JDK client's requests are instrumented in every build
            Span hello = spanFor(spans, server.uri("/hello?c=jdk").toString()).span();
            assertEquals(200L, attributes(hello).get("http.response.status_code"));
            assertEquals(Status.StatusCode.STATUS_CODE_UNSET, hello.getStatus().getCode());
            assertEquals("jdk-httpclient", attributes(hello).get("httpsignals.client"));
            spanFor(spans, server.uri("/echo?c=jdk-async").toString());
            Span notFound = spanFor(spans, server.uri("/status/404?c=jdk-404").toString()).span();
            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, notFound.getStatus().getCode());
            assertEquals("404", attributes(notFound).get("error.type"));
            Span failed = spanFor(spans, refused).span();
            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, failed.getStatus().getCode());
            assertEquals("java.net.ConnectException", attributes(failed).get("error.type"));
            assertFalse(attributes(failed).containsKey("http.response.status_code"));
            assertEquals(1, eventCounts(failed).get("exception"));

            assertMetricsMatch(receiver.lastMetrics(), spans, signals);
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void phasesAsChildSpansOverTlsAndTheCallersTraceContinues(Jdks.Jdk jdk) throws Exception {
        Path log = dir.resolve("signals.jsonl");
        try (OtlpReceiver receiver = OtlpReceiver.start(); Http1Server server = Http1Server.startTls()) {
            String callerTraceparent = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";
            ChildResult result = ChildJvm.on(jdk)
                    .withAgent(agentOptions(receiver, log, "otel.phases", "spans"))
                    .jvmArg(Certificates.get().trustStoreJvmArgs().toArray(String[]::new))
                    .mainClass(OtelApp.class)
                    .args("jdk", server.uri("/hello?c=jdk").toString(),
                            "jdk", server.uri("/hello?c=jdk-again").toString(),
                            "jdk-traced", server.uri("/hello?c=jdk-traced").toString(), callerTraceparent,
                            "urlconnection", server.uri("/hello?c=urlconnection").toString(),
                            "apache5", server.uri("/hello?c=apache5").toString())
                    .run();
            assertExitedNormally(result);
            assertEquals(List.of("jdk 200", "jdk 200", "jdk-traced 200", "urlconnection 200", "apache5 200"),
                    result.stdoutLines());
            assertQuietStderr(result);

            SignalLog signals = SignalLog.read(log);
            assertGrammarWhereHooked(signals);
            List<OtlpReceiver.ReceivedSpan> all = receiver.spans();
            List<OtlpReceiver.ReceivedSpan> clientSpans = all.stream()
                    .filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_CLIENT).collect(Collectors.toList());
            assertEquals(signals.requests().size(), clientSpans.size(), describe(all) + signals.dump());
            int phaseSpans = 0;
            for (RequestSignals request : signals.requests()) {
                Span span = spanFor(clientSpans, request.url()).span();
                assertRequestSpan(span, request, server);
                assertEquals(expectedEvents(request, true), eventCounts(span), request.describe());
                List<Span> children = all.stream().map(OtlpReceiver.ReceivedSpan::span)
                        .filter(s -> s.getParentSpanId().equals(span.getSpanId())).collect(Collectors.toList());
                Map<String, Integer> childNames = new TreeMap<>();
                for (Span child : children) {
                    assertEquals(span.getTraceId(), child.getTraceId());
                    assertEquals(Span.SpanKind.SPAN_KIND_INTERNAL, child.getKind());
                    assertTrue(child.getStartTimeUnixNano() >= span.getStartTimeUnixNano(), child.toString());
                    assertTrue(child.getEndTimeUnixNano() <= span.getEndTimeUnixNano(), child.toString());
                    childNames.merge(child.getName(), 1, Integer::sum);
                    if (child.getName().equals("tls")) {
                        assertEquals("tls", attributes(child).get("tls.protocol.name"));
                        assertTrue(attributes(child).containsKey("tls.cipher"), child.toString());
                    }
                }
                assertEquals(expectedPhases(request), childNames, request.describe());
                phaseSpans += children.size();
            }
            // nothing else arrived: every span is a request span or the child of one
            assertEquals(all.size(), clientSpans.size() + phaseSpans);

            Span traced = spanFor(clientSpans, server.uri("/hello?c=jdk-traced").toString()).span();
            assertEquals(CALLER_TRACE, HEX.formatHex(traced.getTraceId().toByteArray()));
            assertEquals(CALLER_SPAN, HEX.formatHex(traced.getParentSpanId().toByteArray()));
            Span untraced = spanFor(clientSpans, server.uri("/hello?c=jdk").toString()).span();
            assertTrue(untraced.getParentSpanId().isEmpty(), "a request without a caller starts a trace");
            assertEquals("https", attributes(untraced).get("url.full").toString().substring(0, 5));
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void aCollectorThatIsDownCostsOneWarningAndTheSpansOfThatTimeOnly(Jdks.Jdk jdk) throws Exception {
        Path log = dir.resolve("signals.jsonl");
        Path go = dir.resolve("collector-is-up");
        int collectorPort = Ports.refused();
        try (Http1Server server = Http1Server.start()) {
            Map<String, String> options = agentOptions(null, log, "otel.batch.delay.ms", "200",
                    "otel.metrics.interval.ms", "300");
            options.put("otel.endpoint", "http://127.0.0.1:" + collectorPort);
            ChildProcess child = ChildJvm.on(jdk)
                    .withAgent(options)
                    .mainClass(OtelApp.class)
                    .args("jdk", server.uri("/hello?while=down").toString(),
                            "await-file", go.toString(),
                            "jdk", server.uri("/hello?while=up").toString())
                    .start();
            OtlpReceiver receiver = null;
            try {
                child.awaitStdout("waiting", Duration.ofSeconds(60));
                awaitStderr(child, "httpsignals: otel: cannot export spans to http://127.0.0.1:" + collectorPort);
                receiver = OtlpReceiver.start(collectorPort);
                Files.createFile(go);
                ChildResult result = child.waitFor(Duration.ofSeconds(60));
                assertExitedNormally(result);
                assertEquals(List.of("jdk 200", "waiting", "jdk 200"), result.stdoutLines());

                List<String> warnings = result.stderrLines().stream()
                        .filter(l -> l.startsWith("httpsignals: otel:")).collect(Collectors.toList());
                assertEquals(1, warnings.stream().filter(l -> l.contains("cannot export spans")).count(),
                        result.describe());
                assertTrue(warnings.stream().anyMatch(l -> l.contains("spans dropped so far: 1;")), warnings.toString());
                // metrics fail every 300 ms while the collector is down: still one line at most
                assertTrue(warnings.stream().filter(l -> l.contains("cannot export metrics")).count() <= 1,
                        result.describe());
                assertEquals(warnings.size(), result.stderrLines().stream()
                        .filter(l -> l.startsWith("httpsignals:")).count(), "no other agent message");
                // the SDK's own logging (a SEVERE with a stack trace per failed export) stays silent
                assertQuietStderr(result);

                List<OtlpReceiver.ReceivedSpan> spans = receiver.spans();
                assertEquals(List.of(server.uri("/hello?while=up").toString()), spans.stream()
                        .map(s -> attributes(s.span()).get("url.full")).collect(Collectors.toList()));
                // the metrics are cumulative: once the collector is up they carry the request made while it was down
                assertEquals(2, histogramCount(receiver.lastMetrics(), "http.client.request.duration"));
                RecordedRequest up = server.requests().stream().filter(r -> "while=up".equals(r.query()))
                        .findFirst().orElseThrow();
                assertEquals(traceparentOf(spans.get(0).span()), up.header("traceparent"));
            } finally {
                child.close();
                if (receiver != null) {
                    receiver.close();
                }
            }
        }
    }

    // ------------------------------------------------------------------ span checks

    /** The attributes every request span has, and the traceparent the server saw naming it. */
    private static void assertRequestSpan(Span span, RequestSignals request, Http1Server server) {
        Map<String, Object> a = attributes(span);
        assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, span.getKind());
        assertEquals(request.method(), span.getName());
        assertEquals(request.method(), a.get("http.request.method"));
        assertEquals(request.url(), a.get("url.full"));
        java.net.URI uri = java.net.URI.create(request.url());
        assertEquals(uri.getHost(), a.get("server.address"), span.toString());
        assertEquals((long) uri.getPort(), a.get("server.port"));
        assertEquals(request.client(), a.get("httpsignals.client"));
        assertTrue(span.getEndTimeUnixNano() >= span.getStartTimeUnixNano());
        long resends = request.count("request_redirect") + request.count("request_retry");
        assertEquals(resends > 0 ? Optional.of(resends) : Optional.empty(),
                Optional.ofNullable(a.get("http.request.resend_count")));
        SignalRecord last = request.last();
        if (last.signal().equals("request_end")) {
            assertEquals((long) last.status(), a.get("http.response.status_code"), span.toString());
            assertEquals(last.status() >= 400, span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR);
            String path = request.url().substring(request.url().indexOf("/", "https://".length()));
            RecordedRequest seen = server.requests().stream().filter(r -> r.target().equals(path)).findFirst()
                    .orElseThrow(() -> new AssertionError("the server did not see " + path));
            assertEquals(traceparentOf(span), seen.header("traceparent"), "the span the server's trace continues");
            request.findFirst("response_headers_received").ifPresent(r ->
                    assertEquals(r.json().path("protocol").asText().substring("HTTP/".length()),
                            a.get("network.protocol.version")));
        } else {
            assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.getStatus().getCode());
            assertEquals(last.json().path("error").path("type").asText(), a.get("error.type"), span.toString());
        }
    }

    /** The span events the signals call for: each phase that happened, once per hop, and the instants. */
    private static Map<String, Integer> expectedEvents(RequestSignals request, boolean phasesAsSpans) {
        Map<String, Integer> expected = phasesAsSpans ? new TreeMap<>() : expectedPhases(request);
        put(expected, "connection_reused", request.count("connection_reuseconn"));
        put(expected, "redirect", request.count("request_redirect"));
        put(expected, "retry", request.count("request_retry"));
        put(expected, "exception", request.count("request_exception"));
        return expected;
    }

    private static Map<String, Integer> expectedPhases(RequestSignals request) {
        Map<String, Integer> expected = new TreeMap<>();
        put(expected, "pool_wait", request.count("connection_queued_end"));
        put(expected, "dns", request.count("dns_resolvehost_end"));
        put(expected, "connect", request.count("connect_end"));
        put(expected, "tls", request.count("tls_handshake_end"));
        put(expected, "request_sent", request.count("request_headers_sent"));
        put(expected, "time_to_first_byte", request.count("request_headers_sent"));
        int hopsWithResponse = 0;
        boolean response = false;
        for (String name : request.names()) {
            if (name.equals("response_headers_received")) {
                response = true;
            } else if (name.equals("request_redirect") || name.equals("request_retry")
                    || name.equals("request_end") || name.equals("request_exception")) {
                hopsWithResponse += response ? 1 : 0;
                response = false;
            }
        }
        put(expected, "response_body", hopsWithResponse);
        return expected;
    }

    private static void put(Map<String, Integer> map, String name, int count) {
        if (count > 0) {
            map.put(name, count);
        }
    }

    private static Map<String, Integer> eventCounts(Span span) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Span.Event e : span.getEventsList()) {
            counts.merge(e.getName(), 1, Integer::sum);
            assertTrue(e.getTimeUnixNano() >= span.getStartTimeUnixNano()
                    && e.getTimeUnixNano() <= span.getEndTimeUnixNano(), e + " within " + span);
        }
        return counts;
    }

    private static String traceparentOf(Span span) {
        return "00-" + HEX.formatHex(span.getTraceId().toByteArray()) + "-"
                + HEX.formatHex(span.getSpanId().toByteArray()) + "-01";
    }

    private static OtlpReceiver.ReceivedSpan spanFor(List<OtlpReceiver.ReceivedSpan> spans, String url) {
        List<OtlpReceiver.ReceivedSpan> found = spans.stream()
                .filter(s -> url.equals(attributes(s.span()).get("url.full"))).collect(Collectors.toList());
        if (found.size() != 1) {
            fail(found.size() + " spans for " + url + " among: " + describe(spans));
        }
        return found.get(0);
    }

    // ------------------------------------------------------------------ metric checks

    /**
     * {@code http.client.request.duration} counts each span once under the span's own attributes; the phase metrics
     * count what the signals show.
     */
    private static void assertMetricsMatch(List<Metric> metrics, List<OtlpReceiver.ReceivedSpan> spans,
                                           SignalLog signals) {
        Metric duration = metric(metrics, "http.client.request.duration").orElseThrow(
                () -> new AssertionError("no http.client.request.duration among " + names(metrics)));
        assertEquals("s", duration.getUnit());
        assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
                duration.getHistogram().getAggregationTemporality());
        Map<String, Long> byOutcome = new TreeMap<>();
        for (HistogramDataPoint p : duration.getHistogram().getDataPointsList()) {
            Map<String, Object> a = attributes(p.getAttributesList());
            assertEquals("GET", a.get("http.request.method"));
            assertEquals("127.0.0.1", a.get("server.address"));
            assertTrue(p.getSum() > 0);
            byOutcome.merge(a.get("server.port") + " " + a.get("http.response.status_code") + " "
                    + a.get("error.type"), p.getCount(), Long::sum);
        }
        Map<String, Long> expected = new TreeMap<>();
        for (OtlpReceiver.ReceivedSpan s : spans) {
            Map<String, Object> a = attributes(s.span());
            expected.merge(a.get("server.port") + " " + a.get("http.response.status_code") + " " + a.get("error.type"),
                    1L, Long::sum);
        }
        assertEquals(expected, byOutcome);

        assertCount(metrics, "dns.lookup.duration", count(signals, "dns_resolvehost_end"));
        assertCount(metrics, "httpsignals.connect.duration", count(signals, "connect_end"));
        assertCount(metrics, "httpsignals.tls.handshake.duration", count(signals, "tls_handshake_end"));
        assertCount(metrics, "httpsignals.pool.wait.duration", count(signals, "connection_queued_end"));
        assertCount(metrics, "httpsignals.time_to_first_byte.duration", count(signals, "request_headers_sent"));
        assertCount(metrics, "httpsignals.connections.created", count(signals, "connection_create_end"));
        assertCount(metrics, "httpsignals.connections.reused", count(signals, "connection_reuseconn"));
        assertCount(metrics, "httpsignals.requests.queued", count(signals, "connection_queued_start"));
        metric(metrics, "http.client.open_connections").ifPresent(open -> {
            for (NumberDataPoint p : open.getSum().getDataPointsList()) {
                assertTrue(p.getAsInt() >= 0, open.toString());
            }
        });
    }

    /** The metric counts {@code expected} events, and is absent when there are none. */
    private static void assertCount(List<Metric> metrics, String name, long expected) {
        Optional<Metric> m = metric(metrics, name);
        if (expected == 0) {
            assertTrue(m.isEmpty() || total(m.get()) == 0, name + " without its signals: " + m);
            return;
        }
        assertTrue(m.isPresent(), name + " missing among " + names(metrics));
        assertEquals(expected, total(m.get()), name);
    }

    private static long total(Metric m) {
        return switch (m.getDataCase()) {
            case HISTOGRAM -> m.getHistogram().getDataPointsList().stream().mapToLong(HistogramDataPoint::getCount)
                    .sum();
            case SUM -> m.getSum().getDataPointsList().stream().mapToLong(NumberDataPoint::getAsInt).sum();
            default -> throw new AssertionError("unexpected metric type " + m);
        };
    }

    private static long histogramCount(List<Metric> metrics, String name) {
        return total(metric(metrics, name).orElseThrow(() -> new AssertionError("no " + name)));
    }

    private static long count(SignalLog log, String signal) {
        return log.requests().stream().mapToLong(r -> r.count(signal)).sum();
    }

    private static Optional<Metric> metric(List<Metric> metrics, String name) {
        return metrics.stream().filter(m -> m.getName().equals(name)).findFirst();
    }

    private static List<String> names(List<Metric> metrics) {
        return metrics.stream().map(Metric::getName).sorted().collect(Collectors.toList());
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> attributes(Span span) {
        return attributes(span.getAttributesList());
    }

    static Map<String, Object> attributes(List<KeyValue> keyValues) {
        Map<String, Object> map = new TreeMap<>();
        for (KeyValue kv : keyValues) {
            map.put(kv.getKey(), value(kv.getValue()));
        }
        return map;
    }

    private static Object value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case BOOL_VALUE -> v.getBoolValue();
            case ARRAY_VALUE -> v.getArrayValue().getValuesList().stream().map(OtelIT::value)
                    .collect(Collectors.toList());
            default -> v.toString();
        };
    }

    private static String describe(List<OtlpReceiver.ReceivedSpan> spans) {
        List<String> lines = new ArrayList<>();
        for (OtlpReceiver.ReceivedSpan s : spans) {
            lines.add(s.span().getName() + " " + s.span().getKind() + " " + attributes(s.span()) + " events="
                    + s.span().getEventsList().stream().map(Span.Event::getName).collect(Collectors.toList()));
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * The signal grammar, for every request whose client emits its phases in this build; requests with only
     * {@code request_start} and their terminal come from a client whose phase hooks are not installed yet, and the
     * spans of those are still checked above.
     */
    private static void assertGrammarWhereHooked(SignalLog signals) {
        for (RequestSignals request : signals.requests()) {
            if (request.names().size() > 2) {
                assertEquals(List.of(), SignalGrammar.validate(request), request.describe());
            }
        }
    }

    /**
     * Nothing on stderr but the agent's own lines and what the application and the JVM print by themselves (the
     * application's Apache client has no SLF4J binding; the JVM notes that class sharing is limited once the agent
     * extends the boot class path; JDK 24+ notes the agent's Byte Buddy using sun.misc.Unsafe): no stack trace, no
     * log record of the relocated SDK.
     */
    private static void assertQuietStderr(ChildResult result) {
        List<String> offending = result.stderrLines().stream()
                .filter(l -> !l.isBlank() && !l.startsWith("httpsignals:") && !l.startsWith("SLF4J(")
                        && !l.startsWith("OpenJDK 64-Bit Server VM warning: Sharing is only supported")
                        && !(l.startsWith("WARNING: ") && (l.contains("sun.misc.Unsafe")
                                || l.contains("io.httpsignals.shaded.net.bytebuddy"))))
                .collect(Collectors.toList());
        assertEquals(List.of(), offending, result.describe());
    }

    private static void awaitStderr(ChildProcess child, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!child.stderrSoFar().contains(text)) {
            if (System.nanoTime() > deadline || !child.isAlive()) {
                fail("no '" + text + "' on stderr; so far:\n" + child.stderrSoFar());
            }
            Thread.sleep(20);
        }
    }
}
