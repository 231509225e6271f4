package io.httpsignals.otel;

import io.httpsignals.api.ListenerOptions;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code httpsignals.otel.*} options, checked once at start: a malformed value is reported on stderr and its
 * default used, so a typo never stops the application or the other options.
 */
final class OtelSettings {

    static final Set<String> KEYS = Set.of("endpoint", "service.name", "phases", "propagate", "headers",
            "timeout.ms", "batch.delay.ms", "queue.size", "metrics.interval.ms");

    /** Phases as events on the request span, or as its child spans. */
    enum PhaseMode { EVENTS, SPANS }

    final String endpoint;
    final String serviceName;
    final PhaseMode phases;
    final boolean propagate;
    final Map<String, String> headers;
    final long timeoutMillis;
    final long batchDelayMillis;
    final int queueSize;
    final long metricsIntervalMillis;

    private OtelSettings(ListenerOptions options, Map<String, String> env) {
        for (String key : new TreeSet<>(options.asMap().keySet())) {
            if (!KEYS.contains(key)) {
                OtelLog.warn("unknown setting httpsignals.otel." + key + "; accepted: "
                        + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        endpoint = endpoint(options.get("endpoint", "http://localhost:4318"));
        String service = options.get("service.name");
        if (service == null || service.isBlank()) {
            service = env.get("OTEL_SERVICE_NAME");
        }
        serviceName = service == null || service.isBlank() ? "unknown_service:java" : service.trim();
        phases = phaseMode(options.get("phases", "events"));
        propagate = bool(options, "propagate", true);
        headers = headers(options.get("headers", ""));
        timeoutMillis = positive(options, "timeout.ms", 10_000);
        batchDelayMillis = positive(options, "batch.delay.ms", 1_000);
        queueSize = (int) Math.min(Integer.MAX_VALUE, positive(options, "queue.size", 2_048));
        metricsIntervalMillis = positive(options, "metrics.interval.ms", 60_000);
    }

    static OtelSettings of(ListenerOptions options, Map<String, String> env) {
        return new OtelSettings(options, env);
    }

    String tracesUrl() {
        return endpoint + "/v1/traces";
    }

    String metricsUrl() {
        return endpoint + "/v1/metrics";
    }

    private static String endpoint(String value) {
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = URI.create(trimmed);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        OtelLog.warn("httpsignals.otel.endpoint=" + value + " is not an http(s) URL such as "
                + "http://localhost:4318; using http://localhost:4318");
        return "http://localhost:4318";
    }

    private static PhaseMode phaseMode(String value) {
        switch (value.trim()) {
            case "events":
                return PhaseMode.EVENTS;
            case "spans":
                return PhaseMode.SPANS;
            default:
                OtelLog.warn("httpsignals.otel.phases=" + value + " is not one of events, spans; using events");
                return PhaseMode.EVENTS;
        }
    }

    private static boolean bool(ListenerOptions options, String key, boolean defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value.trim());
        }
        OtelLog.warn("httpsignals.otel." + key + "=" + value + " is not true or false; using " + defaultValue);
        return defaultValue;
    }

    private static long positive(ListenerOptions options, String key, long defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        OtelLog.warn("httpsignals.otel." + key + "=" + value + " is not a positive whole number; using "
                + defaultValue);
        return defaultValue;
    }

    /** {@code name=value,name=value}, as OTEL_EXPORTER_OTLP_HEADERS (e.g. an API key for a hosted collector). */
    private static Map<String, String> headers(String value) {
        Map<String, String> parsed = new LinkedHashMap<>();
        String[] pairs = value.split(",");
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                // the value may be a secret: name the entry by position only
                OtelLog.warn("httpsignals.otel.headers: entry " + (i + 1) + " is not name=value; it is ignored");
                continue;
            }
            parsed.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return parsed;
    }
}
