package io.httpsignals.agent.listeners.log;

import io.httpsignals.api.RequestTrace;
import io.httpsignals.bootstrap.InjectableHeaders;
import io.httpsignals.bootstrap.support.HeaderFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The header maps the hooks build are written exactly as any other map with the same fields. */
class LogListenerTest {

    private static final RequestTrace TRACE = new RequestTrace() {
        @Override
        public long id() {
            return 7;
        }

        @Override
        public String client() {
            return "test";
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String url() {
            return "http://127.0.0.1:1/h\u00e9";
        }

        @Override
        public long startNanos() {
            return 0;
        }

        @Override
        public long startEpochMicros() {
            return 0;
        }
    };

    @TempDir
    Path dir;

    @Test
    void hookHeaderFieldsAreWrittenAsTheSameMapWouldBe() throws Exception {
        HeaderFields fields = new HeaderFields(16);
        Map<String, List<String>> plain = new LinkedHashMap<>();
        String[][] head = {{"Host", "127.0.0.1:1"}, {"Set-Cookie", "a=1"}, {"Authorization", "Basic xyz"},
            {"X-Quote", "say \"hi\"\n"}, {"Set-Cookie", "b=2"}, {"X-Null", null}, {"Accept", "*/*"},
            {"A1", "1"}, {"A2", "2"}, {"A3", "3"}, {"A4", "4"}, {"A5", "5"}, {"A6", "6"}, {"A7", "\u20ac"}};
        for (String[] field : head) {
            fields.add(field[0], field[1]);
            plain.computeIfAbsent(field[0], k -> new ArrayList<>()).add(field[1]);
        }
        String fromFields = lines(listener -> {
            listener.onRequestHeadersSent(TRACE, null, 1_000, fields);
            listener.onResponseHeadersReceived(TRACE, null, 2_000, 200, "HTTP/1.1", fields);
            listener.onRequestStart(TRACE, null, 0, new InjectableHeaders(fields));
        });
        String fromMap = lines(listener -> {
            listener.onRequestHeadersSent(TRACE, null, 1_000, plain);
            listener.onResponseHeadersReceived(TRACE, null, 2_000, 200, "HTTP/1.1", plain);
            listener.onRequestStart(TRACE, null, 0, new InjectableHeaders(plain));
        });
        assertEquals(fromMap, fromFields);
        assertEquals(3, fromFields.lines().count());
        String sent = fromFields.lines().findFirst().orElseThrow();
        String expected = "\"headers\":{\"Host\":[\"127.0.0.1:1\"],\"Set-Cookie\":[\"<redacted>\",\"<redacted>\"],"
                + "\"Authorization\":[\"<redacted>\"],\"X-Quote\":[\"say \\\"hi\\\"\\n\"],\"X-Null\":[null],"
                + "\"Accept\":[\"*/*\"],\"A1\":[\"1\"],\"A2\":[\"2\"],\"A3\":[\"3\"],\"A4\":[\"4\"],\"A5\":[\"5\"],"
                + "\"A6\":[\"6\"],\"A7\":[\"\u20ac\"]}}";
        assertEquals(expected, sent.substring(sent.indexOf("\"headers\"")));
    }

    @Test
    void requestStartShowsInjectedHeadersAndEmptyMapsAsBefore() throws Exception {
        HeaderFields fields = new HeaderFields(2);
        fields.add("Accept", "*/*");
        fields.add("X-Replaced", "app");
        InjectableHeaders injected = new InjectableHeaders(fields);
        injected.set("x-replaced", "listener");
        injected.add("traceparent", "00-1-2-01");
        String log = lines(listener -> {
            listener.onRequestStart(TRACE, null, 0, injected);
            listener.onRequestStart(TRACE, null, 0, new InjectableHeaders(Map.of()));
            listener.onRequestHeadersSent(TRACE, null, 0, new HeaderFields(4));
            listener.onResponseHeadersReceived(TRACE, null, 0, 204, "HTTP/2", null);
        });
        List<String> lines = log.lines().toList();
        assertEquals(Arrays.asList(
                "{\"time\":\"1970-01-01T00:00:00.000000Z\",\"request\":7,\"client\":\"test\",\"signal\":\"request_start\","
                        + "\"elapsed_us\":0,\"method\":\"GET\",\"url\":\"http://127.0.0.1:1/h\u00e9\",\"headers\":"
                        + "{\"Accept\":[\"*/*\"],\"traceparent\":[\"00-1-2-01\"],\"x-replaced\":[\"listener\"]}}",
                "{\"time\":\"1970-01-01T00:00:00.000000Z\",\"request\":7,\"client\":\"test\",\"signal\":\"request_start\","
                        + "\"elapsed_us\":0,\"method\":\"GET\",\"url\":\"http://127.0.0.1:1/h\u00e9\",\"headers\":{}}",
                "{\"time\":\"1970-01-01T00:00:00.000000Z\",\"request\":7,\"client\":\"test\","
                        + "\"signal\":\"request_headers_sent\",\"elapsed_us\":0,\"method\":\"GET\","
                        + "\"url\":\"http://127.0.0.1:1/h\u00e9\",\"headers\":{}}",
                "{\"time\":\"1970-01-01T00:00:00.000000Z\",\"request\":7,\"client\":\"test\","
                        + "\"signal\":\"response_headers_received\",\"elapsed_us\":0,\"method\":\"GET\","
                        + "\"url\":\"http://127.0.0.1:1/h\u00e9\",\"status\":204,\"protocol\":\"HTTP/2\"}"),
                lines.stream().map(l -> l.replaceFirst("\"time\":\"[^\"]*\"", "\"time\":\"1970-01-01T00:00:00.000000Z\""))
                        .toList());
    }

    @Test
    void dnsAddressesAreWrittenAsTheirText() throws Exception {
        List<java.net.InetAddress> addresses = List.of(java.net.InetAddress.getByName("127.0.0.1"),
                java.net.InetAddress.getByName("::1"));
        String log = lines(listener -> {
            listener.onDnsResolveHostEnd(TRACE, null, 0, "localhost", addresses, null);
            listener.onDnsResolveHostEnd(TRACE, null, 0, "localhost", addresses.subList(1, 2), null);
        });
        List<String> lines = log.lines().toList();
        assertEquals(true, lines.get(0).endsWith("\"host\":\"localhost\",\"addresses\":[\"127.0.0.1\",\"0:0:0:0:0:0:0:1\"]}"));
        assertEquals(true, lines.get(1).endsWith("\"host\":\"localhost\",\"addresses\":[\"0:0:0:0:0:0:0:1\"]}"));
    }

    private interface Signals {
        void emit(LogListener listener) throws Exception;
    }

    private String lines(Signals signals) throws Exception {
        Path file = Files.createTempFile(dir, "signals", ".jsonl");
        LogListener listener = new LogListener(LineSink.toFile(file));
        try {
            signals.emit(listener);
        } finally {
            listener.close();
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
