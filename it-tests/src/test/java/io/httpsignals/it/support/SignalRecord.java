package io.httpsignals.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the {@code log} listener's output. Typed accessors return {@code null} when the field is absent,
 * because most fields belong to a few signals only; {@link #json()} has everything.
 */
public record SignalRecord(int lineNumber, JsonNode json) {

    // -- fields on every line

    public Instant time() {
        String t = text("time");
        return t == null ? null : Instant.parse(t);
    }

    public String timeText() {
        return text("time");
    }

    public long requestId() {
        return json.path("request").asLong(-1);
    }

    public String client() {
        return text("client");
    }

    public String signal() {
        return text("signal");
    }

    public Long elapsedMicros() {
        return longValue("elapsed_us");
    }

    public String method() {
        return text("method");
    }

    public String url() {
        return text("url");
    }

    // -- per-signal fields

    public Integer status() {
        return intValue("status");
    }

    /** Header name (as written) to values; empty when the line has no headers. */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode h = json.get("headers");
        if (h == null || !h.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : h.properties()) {
            out.put(e.getKey(), strings(e.getValue()));
        }
        return out;
    }

    /** Values of one header, name matched case-insensitively; empty if absent. */
    public List<String> header(String name) {
        List<String> values = new ArrayList<>();
        headers().forEach((k, v) -> {
            if (k.equalsIgnoreCase(name)) {
                values.addAll(v);
            }
        });
        return values;
    }

    public Long bytes() {
        return longValue("bytes");
    }

    public String host() {
        return text("host");
    }

    public List<String> addresses() {
        return json.has("addresses") ? strings(json.get("addresses")) : null;
    }

    public String address() {
        return text("address");
    }

    public Long connection() {
        return longValue("connection");
    }

    public String protocol() {
        return text("protocol");
    }

    public String tlsVersion() {
        return text("tls_version");
    }

    public String cipherSuite() {
        return text("cipher_suite");
    }

    public String alpn() {
        return text("alpn");
    }

    public String location() {
        return text("location");
    }

    public String reason() {
        return text("reason");
    }

    public Boolean keptAlive() {
        JsonNode n = json.get("kept_alive");
        return n == null || n.isNull() ? null : n.asBoolean();
    }

    public Integer leased() {
        return intValue("leased");
    }

    public Integer pending() {
        return intValue("pending");
    }

    public Integer max() {
        return intValue("max");
    }

    public Long bytesSent() {
        return longValue("bytes_sent");
    }

    public Long bytesReceived() {
        return longValue("bytes_received");
    }

    /** Whether the line carries an {@code error} object (a failed phase or request). */
    public boolean hasError() {
        JsonNode e = json.get("error");
        return e != null && !e.isNull();
    }

    public String errorType() {
        return hasError() ? json.get("error").path("type").asText(null) : null;
    }

    public String errorMessage() {
        return hasError() ? json.get("error").path("message").asText(null) : null;
    }

    // -- raw access

    public boolean has(String field) {
        JsonNode n = json.get(field);
        return n != null && !n.isNull();
    }

    public String text(String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    public Long longValue(String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() ? null : n.asLong();
    }

    public Integer intValue(String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() ? null : n.asInt();
    }

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + json;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else {
            out.add(n.asText());
        }
        return out;
    }
}
