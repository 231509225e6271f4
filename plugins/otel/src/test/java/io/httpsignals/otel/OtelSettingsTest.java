package io.httpsignals.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtelSettingsTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private List<String> stderrLines() {
        String text = err.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    @Test
    void defaults() {
        OtelSettings s = OtelSettings.of(new Fakes.Options(Map.of()), Map.of());
        assertEquals("http://localhost:4318/v1/traces", s.tracesUrl());
        assertEquals("http://localhost:4318/v1/metrics", s.metricsUrl());
        assertEquals("unknown_service:java", s.serviceName);
        assertEquals(OtelSettings.PhaseMode.EVENTS, s.phases);
        assertTrue(s.propagate);
        assertEquals(60_000, s.metricsIntervalMillis);
        assertEquals(2_048, s.queueSize);
        assertEquals(List.of(), stderrLines());
    }

    @Test
    void theServiceNameComesFromTheOptionThenFromOtelServiceName() {
        Map<String, String> env = Map.of("OTEL_SERVICE_NAME", "from-env");
        assertEquals("from-env", OtelSettings.of(new Fakes.Options(Map.of()), env).serviceName);
        assertEquals("billing", OtelSettings.of(new Fakes.Options(Map.of("service.name", "billing")), env)
                .serviceName);
    }

    @Test
    void valuesAreParsed() {
        OtelSettings s = OtelSettings.of(new Fakes.Options(Map.of("endpoint", "https://collector:4318/",
                "phases", "spans", "propagate", "false", "headers", "x-api-key=k1, tenant = a",
                "metrics.interval.ms", "500", "queue.size", "10")), Map.of());
        assertEquals("https://collector:4318/v1/traces", s.tracesUrl());
        assertEquals(OtelSettings.PhaseMode.SPANS, s.phases);
        assertFalse(s.propagate);
        assertEquals(Map.of("x-api-key", "k1", "tenant", "a"), s.headers);
        assertEquals(500, s.metricsIntervalMillis);
        assertEquals(10, s.queueSize);
    }

    @Test
    void mistakesAreReportedOnceEachAndTheDefaultsUsed() {
        OtelSettings s = OtelSettings.of(new Fakes.Options(Map.of("endpoint", "localhost:4318",
                "phases", "both", "queue.size", "-1", "propagate", "yes", "headers", "Authorization Bearer s3cr3t",
                "exporter", "zipkin")), Map.of());
        assertEquals("http://localhost:4318/v1/traces", s.tracesUrl());
        assertEquals(OtelSettings.PhaseMode.EVENTS, s.phases);
        assertEquals(2_048, s.queueSize);
        assertTrue(s.propagate);
        List<String> lines = stderrLines();
        assertEquals(6, lines.size(), lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.startsWith("httpsignals: otel: ")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("unknown setting httpsignals.otel.exporter")));
        assertTrue(lines.stream().noneMatch(l -> l.contains("s3cr3t")), "header values may be secrets");
    }

    @Test
    void failedExportsAreCountedAndReportedOncePerInterval() {
        ExportProblems problems = new ExportProblems("http://127.0.0.1:1");
        SpanExporter down = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofExceptionalFailure(new ConnectException("Connection refused"));
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        ReportingSpanExporter exporter = new ReportingSpanExporter(down, problems);
        exporter.export(List.of(fakeSpan(), fakeSpan()));
        exporter.export(List.of(fakeSpan()));
        problems.metricExportFailed(new ConnectException("Connection refused"));

        assertEquals(3, problems.spansDropped());
        assertEquals(1, problems.metricExportsFailed());
        List<String> lines = stderrLines();
        assertEquals(List.of("httpsignals: otel: cannot export spans to http://127.0.0.1:1 (ConnectException: "
                + "Connection refused); spans dropped so far: 2; the application is unaffected (next report in 60 s "
                + "at the earliest)", "httpsignals: otel: cannot export metrics to http://127.0.0.1:1 "
                + "(ConnectException: Connection refused); metric exports failed so far: 1; the application is "
                + "unaffected (next report in 60 s at the earliest)"), lines);
    }

    private static SpanData fakeSpan() {
        return io.opentelemetry.sdk.testing.trace.TestSpanData.builder()
                .setName("GET").setKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
                .setStartEpochNanos(1).setEndEpochNanos(2).setHasEnded(true)
                .setStatus(io.opentelemetry.sdk.trace.data.StatusData.unset()).build();
    }
}
