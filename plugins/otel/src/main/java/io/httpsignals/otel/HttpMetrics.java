package io.httpsignals.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

import java.util.List;

/**
 * The instruments: the HTTP and DNS ones of the OpenTelemetry semantic conventions, and this project's phase
 * histograms and connection counters under {@code httpsignals.}. All durations are in seconds.
 */
final class HttpMetrics {

    static final String REQUEST_DURATION = "http.client.request.duration";
    static final String DNS_DURATION = "dns.lookup.duration";
    static final String OPEN_CONNECTIONS = "http.client.open_connections";
    static final String CONNECTION_DURATION = "http.client.connection.duration";
    static final String CONNECT_DURATION = "httpsignals.connect.duration";
    static final String TLS_DURATION = "httpsignals.tls.handshake.duration";
    static final String POOL_WAIT_DURATION = "httpsignals.pool.wait.duration";
    static final String TTFB_DURATION = "httpsignals.time_to_first_byte.duration";
    static final String CONNECTIONS_CREATED = "httpsignals.connections.created";
    static final String CONNECTIONS_REUSED = "httpsignals.connections.reused";
    static final String REQUESTS_QUEUED = "httpsignals.requests.queued";

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> PROTOCOL_NAME = AttributeKey.stringKey("network.protocol.name");
    static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");

    /** The semantic conventions' advice for request and DNS durations. */
    private static final List<Double> SHORT_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
    /** The semantic conventions' advice for connection lifetimes. */
    private static final List<Double> LONG_BUCKETS = List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0,
            30.0, 60.0, 120.0, 300.0);

    final DoubleHistogram requestDuration;
    final DoubleHistogram dnsDuration;
    final DoubleHistogram connectionDuration;
    final DoubleHistogram connectDuration;
    final DoubleHistogram tlsDuration;
    final DoubleHistogram poolWaitDuration;
    final DoubleHistogram ttfbDuration;
    final LongCounter connectionsCreated;
    final LongCounter connectionsReused;
    final LongCounter requestsQueued;

    HttpMetrics(Meter meter, ConnectionTable connections) {
        requestDuration = histogram(meter, REQUEST_DURATION, "Duration of HTTP client requests.", SHORT_BUCKETS);
        dnsDuration = histogram(meter, DNS_DURATION, "Measures the time taken to perform a DNS lookup.",
                SHORT_BUCKETS);
        connectionDuration = histogram(meter, CONNECTION_DURATION,
                "The duration of the successfully established outbound HTTP connections.", LONG_BUCKETS);
        connectDuration = histogram(meter, CONNECT_DURATION, "Duration of TCP connect attempts.", SHORT_BUCKETS);
        tlsDuration = histogram(meter, TLS_DURATION, "Duration of TLS handshakes.", SHORT_BUCKETS);
        poolWaitDuration = histogram(meter, POOL_WAIT_DURATION,
                "Time requests waited for a pooled connection because a pool limit was reached.", SHORT_BUCKETS);
        ttfbDuration = histogram(meter, TTFB_DURATION,
                "Time from the request being sent to the first response headers.", SHORT_BUCKETS);
        connectionsCreated = meter.counterBuilder(CONNECTIONS_CREATED).setUnit("{connection}")
                .setDescription("Connections opened for requests (error.type set when the attempt failed).").build();
        connectionsReused = meter.counterBuilder(CONNECTIONS_REUSED).setUnit("{connection}")
                .setDescription("Requests that took an already open pooled connection.").build();
        requestsQueued = meter.counterBuilder(REQUESTS_QUEUED).setUnit("{request}")
                .setDescription("Requests that had to wait for a pooled connection.").build();
        meter.upDownCounterBuilder(OPEN_CONNECTIONS).setUnit("{connection}")
                .setDescription("Number of outbound HTTP connections that are currently active or idle on the client.")
                .buildWithCallback(m -> connections.observe(m, System.nanoTime()));
    }

    private static DoubleHistogram histogram(Meter meter, String name, String description, List<Double> buckets) {
        return meter.histogramBuilder(name).setUnit("s").setDescription(description)
                .setExplicitBucketBoundariesAdvice(buckets).build();
    }

    /** {@code server.address} and {@code server.port} of a hop, the attributes most instruments share. */
    static AttributesBuilder server(Hop hop) {
        AttributesBuilder b = Attributes.builder();
        if (hop.host() != null) {
            b.put(SERVER_ADDRESS, hop.host());
        }
        if (hop.port() > 0) {
            b.put(SERVER_PORT, (long) hop.port());
        }
        return b;
    }
}
