package io.httpsignals.it.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalLogTest {

    private static final String LOG = String.join("\n",
            "{\"time\":\"2026-11-27T23:59:01.123456Z\",\"request\":7,\"client\":\"jdk-httpclient\","
                    + "\"signal\":\"request_start\",\"elapsed_us\":0,\"method\":\"GET\","
                    + "\"url\":\"http://127.0.0.1:8080/hello\",\"headers\":{\"X-Trace\":[\"abc\"]}}",
            "{\"time\":\"2026-11-27T23:59:01.123500Z\",\"request\":8,\"client\":\"apache-httpclient5\","
                    + "\"signal\":\"request_start\",\"elapsed_us\":0,\"method\":\"POST\","
                    + "\"url\":\"http://127.0.0.1:8080/upload\"}",
            "{\"time\":\"2026-11-27T23:59:01.123600Z\",\"request\":7,\"client\":\"jdk-httpclient\","
                    + "\"signal\":\"connection_create_end\",\"elapsed_us\":144,\"method\":\"GET\","
                    + "\"url\":\"http://127.0.0.1:8080/hello\",\"connection\":3,\"protocol\":\"http/1.1\","
                    + "\"addresses\":[\"127.0.0.1\"],\"kept_alive\":true}",
            "{\"time\":\"2026-11-27T23:59:01.123700Z\",\"request\":8,\"client\":\"apache-httpclient5\","
                    + "\"signal\":\"request_headers_sent\",\"elapsed_us\":200,\"method\":\"POST\","
                    + "\"url\":\"http://127.0.0.1:8080/upload\",\"headers\":{\"x-id\":[\"42\",\"43\"]}}",
            "{\"time\":\"2026-11-27T23:59:01.123800Z\",\"request\":7,\"client\":\"jdk-httpclient\","
                    + "\"signal\":\"request_exception\",\"elapsed_us\":300,\"method\":\"GET\","
                    + "\"url\":\"http://127.0.0.1:8080/hello\","
                    + "\"error\":{\"type\":\"java.io.IOException\",\"message\":\"boom\"}}",
            "");

    @Test
    void groupsByRequestInOrder() {
        SignalLog log = SignalLog.parse(LOG, "test");
        assertEquals(5, log.records().size());
        assertEquals(List.of(7L, 8L), List.copyOf(log.byRequest().keySet()));
        List<RequestSignals> requests = log.requests();
        RequestSignals r7 = requests.get(0);
        assertEquals(7, r7.id());
        assertEquals("jdk-httpclient", r7.client());
        assertEquals("GET", r7.method());
        assertEquals("http://127.0.0.1:8080/hello", r7.url());
        assertEquals(List.of("request_start", "connection_create_end", "request_exception"), r7.names());
        assertEquals(List.of("request_start", "request_headers_sent"), log.request(8).names());
    }

    @Test
    void typedAccessors() {
        RequestSignals r7 = SignalLog.parse(LOG, "test").request(7);
        SignalRecord created = r7.first("connection_create_end");
        assertEquals(3L, created.connection());
        assertEquals("http/1.1", created.protocol());
        assertEquals(List.of("127.0.0.1"), created.addresses());
        assertEquals(Boolean.TRUE, created.keptAlive());
        assertEquals(144L, created.elapsedMicros());
        assertEquals(Instant.parse("2026-11-27T23:59:01.123600Z"), created.time());
        assertNull(created.status());
        assertFalse(created.hasError());
        SignalRecord failed = r7.first("request_exception");
        assertEquals("java.io.IOException", failed.errorType());
        assertEquals("boom", failed.errorMessage());
        assertEquals(5, failed.lineNumber());
        AssertionError e = assertThrows(AssertionError.class, () -> r7.first("request_end"));
        assertTrue(e.getMessage().contains("no request_end in request 7 GET"), e.getMessage());
    }

    @Test
    void findsRequestsByUrlAndHeader() {
        SignalLog log = SignalLog.parse(LOG, "test");
        assertEquals(8, log.singleRequestForUrl("/upload").id());
        assertEquals(7, log.singleRequestWithHeader("x-trace", "abc").id());
        assertEquals(8, log.singleRequestWithHeader("X-Id", "43").id());
        assertEquals(List.of(), log.requestsWithHeader("x-id", "44"));
        assertEquals(1, log.requestsOfClient("apache-httpclient5").size());
        assertThrows(AssertionError.class, () -> log.singleRequestForUrl("127.0.0.1"));
        log.assertCommonFields();
    }

    @Test
    void malformedLinesFail() {
        AssertionError notJson = assertThrows(AssertionError.class,
                () -> SignalLog.parse(LOG + "{\"request\":1,\"signal\":\"request_st\n", "out.jsonl"));
        assertTrue(notJson.getMessage().contains("out.jsonl line 6 is not valid JSON"), notJson.getMessage());
        assertThrows(AssertionError.class, () -> SignalLog.parse("[1,2]\n", "x"));
        assertThrows(AssertionError.class, () -> SignalLog.parse("{\"signal\":\"request_start\"}\n", "x"));
        assertThrows(AssertionError.class, () -> SignalLog.parse("\n", "x"), "blank lines are malformed");
    }

    @Test
    void commonFieldsChecked() {
        SignalLog log = SignalLog.parse("{\"time\":\"2026-11-27T23:59:01.123Z\",\"request\":1,"
                + "\"client\":\"jdk-httpclient\",\"signal\":\"request_start\",\"elapsed_us\":0,"
                + "\"method\":\"GET\"}\n", "x");
        AssertionError e = assertThrows(AssertionError.class, log::assertCommonFields);
        assertTrue(e.getMessage().contains("time '2026-11-27T23:59:01.123Z'"), e.getMessage());
        assertTrue(e.getMessage().contains("'url' missing"), e.getMessage());
    }

    @Test
    void readsFilesAndWaits(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("signals.jsonl");
        assertTrue(SignalLog.read(file).isEmpty(), "a missing file is an empty log");
        Files.writeString(file, LOG);
        assertEquals(2, SignalLog.awaitRead(file, java.time.Duration.ofSeconds(1),
                l -> l.requests().size() == 2).requests().size());
        AssertionError e = assertThrows(AssertionError.class, () -> SignalLog.awaitRead(file,
                java.time.Duration.ofMillis(100), l -> l.requests().size() == 3));
        assertTrue(e.getMessage().contains("not ready"), e.getMessage());
    }
}
