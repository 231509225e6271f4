package io.httpsignals.otel;

import io.httpsignals.api.HttpSignals;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin's own OpenTelemetry SDK: a tracer provider batching spans into a bounded queue, a meter provider read
 * periodically, both exporting over OTLP/HTTP (protobuf) on daemon threads that emit no signals. Never registered
 * globally: the application's own OpenTelemetry, if any, never sees it.
 */
final class OtelPipeline {

    static final String SCOPE = "io.httpsignals.otel";
    private static final long SHUTDOWN_MILLIS = 3_000;

    /**
     * The relocated SDK and OkHttp log through java.util.logging under this name; their messages (a failed export
     * logged as SEVERE, with a stack trace) would land on the application's console. {@link ExportProblems} says
     * what matters instead. Held strongly: the log manager keeps loggers only weakly.
     */
    private static final Logger SHADED_LOGGER = Logger.getLogger("io.httpsignals.otel.shaded");

    final PresetIds ids = new PresetIds();
    final SdkTracerProvider tracerProvider;
    final SdkMeterProvider meterProvider;
    final Tracer tracer;
    final Meter meter;
    final ExportProblems problems;
    /** Threads the pipeline made for the SDK, stopped after it at close. */
    private ExecutorService[] threads = new ExecutorService[0];

    OtelPipeline(Resource resource, SpanProcessor spans, MetricReader metrics, ExportProblems problems) {
        this.problems = problems;
        this.tracerProvider = SdkTracerProvider.builder().setResource(resource).setIdGenerator(ids)
                .setSampler(Sampler.parentBased(Sampler.alwaysOn())).addSpanProcessor(spans).build();
        this.meterProvider = SdkMeterProvider.builder().setResource(resource).registerMetricReader(metrics).build();
        String version = OtelPipeline.class.getPackage().getImplementationVersion();
        this.tracer = tracerProvider.tracerBuilder(SCOPE).setInstrumentationVersion(version == null ? "dev" : version)
                .build();
        this.meter = meterProvider.meterBuilder(SCOPE).setInstrumentationVersion(version == null ? "dev" : version)
                .build();
    }

    /**
     * The real pipeline: OTLP/HTTP to {@code settings.endpoint}. No retries: a batch that fails is dropped and
     * counted, and the next batch tries again, so an unreachable collector never holds the export thread in a
     * back-off while the bounded queue overflows.
     */
    static OtelPipeline otlp(OtelSettings settings) {
        SHADED_LOGGER.setLevel(Level.OFF);
        ExportProblems problems = new ExportProblems(settings.endpoint);
        ExecutorService senders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), unobservedThreads("httpsignals-otel-export"));

        OtlpHttpSpanExporterBuilder spanExporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.tracesUrl())
                .setTimeout(Duration.ofMillis(settings.timeoutMillis))
                .setRetryPolicy(null)
                .setExecutorService(senders);
        OtlpHttpMetricExporterBuilder metricExporter = OtlpHttpMetricExporter.builder()
                .setEndpoint(settings.metricsUrl())
                .setTimeout(Duration.ofMillis(settings.timeoutMillis))
                .setRetryPolicy(null)
                .setExecutorService(senders);
        for (Map.Entry<String, String> h : settings.headers.entrySet()) {
            spanExporter.addHeader(h.getKey(), h.getValue());
            metricExporter.addHeader(h.getKey(), h.getValue());
        }
        SpanProcessor spans = BatchSpanProcessor.builder(
                        new ReportingSpanExporter(spanExporter.build(), problems))
                .setScheduleDelay(Duration.ofMillis(settings.batchDelayMillis))
                .setMaxQueueSize(settings.queueSize)
                .setMaxExportBatchSize(Math.min(512, settings.queueSize))
                .setExporterTimeout(Duration.ofMillis(settings.timeoutMillis))
                .build();
        ScheduledExecutorService metricThread =
                Executors.newSingleThreadScheduledExecutor(unobservedThreads("httpsignals-otel-metrics"));
        MetricReader metrics = PeriodicMetricReader.builder(
                        new ReportingMetricExporter(metricExporter.build(), problems))
                .setInterval(Duration.ofMillis(settings.metricsIntervalMillis))
                .setExecutor(metricThread)
                .build();
        OtelPipeline pipeline = new OtelPipeline(resource(settings), spans, metrics, problems);
        pipeline.threads = new ExecutorService[] {senders, metricThread};
        return pipeline;
    }

    static Resource resource(OtelSettings settings) {
        return Resource.getDefault().merge(Resource.create(
                Attributes.of(AttributeKey.stringKey("service.name"), settings.serviceName)));
    }

    /** Exports what is buffered and stops, waiting {@link #SHUTDOWN_MILLIS} at most so JVM exit stays prompt. */
    void close() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_MILLIS);
        tracerProvider.shutdown().join(remaining(deadline), TimeUnit.NANOSECONDS);
        meterProvider.shutdown().join(remaining(deadline), TimeUnit.NANOSECONDS);
        for (ExecutorService t : threads) {
            t.shutdown();
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    private static ThreadFactory unobservedThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(() -> {
                // the exporter's own HTTP calls must not become signals, which would export themselves
                HttpSignals.unobserveCurrentThread();
                task.run();
            }, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
