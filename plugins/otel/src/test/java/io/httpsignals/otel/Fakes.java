package io.httpsignals.otel;

import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Test doubles for the public API: a trace, writable headers, options; and a listener wired to in-memory exporters. */
final class Fakes {

    private static final AtomicLong IDS = new AtomicLong();

    private Fakes() {
    }

    record Trace(long id, String client, String method, String url, long startNanos, long startEpochMicros)
            implements RequestTrace {
        static Trace of(String method, String url, long startNanos) {
            return new Trace(IDS.incrementAndGet(), "jdk-httpclient", method, url, startNanos,
                    1_700_000_000_000_000L + startNanos / 1000);
        }
    }

    static final class Headers implements RequestHeaders {
        final Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        @Override
        public List<String> get(String name) {
            return map.getOrDefault(name, List.of());
        }

        @Override
        public void add(String name, String value) {
            map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }

        @Override
        public void set(String name, String value) {
            map.put(name, new ArrayList<>(List.of(value)));
        }

        @Override
        public Map<String, List<String>> asMap() {
            return Collections.unmodifiableMap(map);
        }
    }

    record Options(Map<String, String> asMap) implements ListenerOptions {
        @Override
        public String listenerName() {
            return "otel";
        }

        @Override
        public String get(String key) {
            return asMap.get(key);
        }
    }

    /** A listener exporting to memory, spans synchronously. */
    static final class Harness {
        final InMemorySpanExporter spans = InMemorySpanExporter.create();
        final InMemoryMetricReader metrics = InMemoryMetricReader.create();
        final OtelListener listener;

        Harness(Map<String, String> options) {
            OtelSettings settings = OtelSettings.of(new Options(options), Map.of());
            OtelPipeline pipeline = new OtelPipeline(OtelPipeline.resource(settings),
                    SimpleSpanProcessor.create(spans), metrics, new ExportProblems(settings.endpoint));
            listener = new OtelListener(settings, pipeline);
        }
    }
}
