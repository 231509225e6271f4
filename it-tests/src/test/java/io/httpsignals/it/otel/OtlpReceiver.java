package io.httpsignals.it.otel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP collector on 127.0.0.1: accepts {@code POST /v1/traces} and {@code POST /v1/metrics} in
 * binary protobuf, decodes them with the published proto classes, and keeps what arrived.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A span with the resource it came with. */
    record ReceivedSpan(Resource resource, String scope, Span span) {
    }

    private final HttpServer server;
    private final List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
    private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private OtlpReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/v1/traces", exchange -> handle(exchange, true));
        server.createContext("/v1/metrics", exchange -> handle(exchange, false));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    static OtlpReceiver start() {
        return start(0);
    }

    static OtlpReceiver start(int port) {
        try {
            return new OtlpReceiver(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, boolean isTraces) throws IOException {
        try (exchange) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || !"application/x-protobuf".equals(type)) {
                problems.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + type);
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            InputStream in = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            byte[] body = in.readAllBytes();
            byte[] response;
            if (isTraces) {
                traces.add(ExportTraceServiceRequest.parseFrom(body));
                response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            } else {
                metrics.add(ExportMetricsServiceRequest.parseFrom(body));
                response = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                exchange.getResponseBody().write(response);
            }
        } catch (RuntimeException | IOException e) {
            problems.add(e.toString());
            throw e;
        }
    }

    List<ReceivedSpan> spans() {
        List<ReceivedSpan> all = new ArrayList<>();
        for (ExportTraceServiceRequest request : traces) {
            for (ResourceSpans rs : request.getResourceSpansList()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) {
                        all.add(new ReceivedSpan(rs.getResource(), ss.getScope().getName(), s));
                    }
                }
            }
        }
        return all;
    }

    /**
     * The metrics of the last export that carried them (the plugin exports cumulative totals, and the last export
     * happens when the child JVM exits).
     */
    List<Metric> lastMetrics() {
        List<Metric> last = List.of();
        for (ExportMetricsServiceRequest request : metrics) {
            List<Metric> these = new ArrayList<>();
            for (ResourceMetrics rm : request.getResourceMetricsList()) {
                for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                    these.addAll(sm.getMetricsList());
                }
            }
            if (!these.isEmpty()) {
                last = these;
            }
        }
        return last;
    }

    List<ExportMetricsServiceRequest> metricExports() {
        return metrics;
    }

    /** Requests the receiver could not take (wrong method, content type, undecodable body). */
    List<String> problems() {
        return problems;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
