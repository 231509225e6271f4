package io.httpsignals.it.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SignalGrammarTest {

    /** JSON lines for request 1; a name ending in '!' carries an error object. */
    static String lines(long id, String... names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            boolean error = n.endsWith("!");
            String signal = error ? n.substring(0, n.length() - 1) : n;
            sb.append("{\"time\":\"2026-11-27T23:59:01.123456Z\",\"request\":").append(id)
                    .append(",\"client\":\"jdk-httpclient\",\"signal\":\"").append(signal)
                    .append("\",\"elapsed_us\":10,\"method\":\"GET\",\"url\":\"http://127.0.0.1:1/x\"");
            if (error) {
                sb.append(",\"error\":{\"type\":\"java.net.ConnectException\",\"message\":\"refused\"}");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    static RequestSignals request(String... names) {
        return SignalLog.parse(lines(1, names), "test").requests().get(0);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("new plain connection", List.of("request_start", "connection_create_start",
                        "dns_resolvehost_start", "dns_resolvehost_end", "connect_start", "connect_end",
                        "connection_create_end", "request_headers_sent", "response_headers_received",
                        "response_chunk_received", "connection_released", "request_end")),
                arguments("new TLS connection", List.of("request_start", "connection_create_start",
                        "connect_start", "connect_end", "tls_handshake_start", "tls_handshake_end",
                        "connection_create_end", "request_headers_sent", "response_headers_received",
                        "response_chunk_received", "response_chunk_received", "connection_released",
                        "request_end")),
                arguments("reused connection", List.of("request_start", "connection_reuseconn",
                        "request_headers_sent", "response_headers_received", "connection_released",
                        "request_end")),
                arguments("queued then reused", List.of("request_start", "connection_queued_start",
                        "connection_queued_end", "connection_reuseconn", "request_headers_sent",
                        "response_headers_received", "request_end")),
                arguments("queued then created", List.of("request_start", "connection_queued_start",
                        "connection_queued_end", "connection_create_start", "connect_start", "connect_end",
                        "connection_create_end", "request_headers_sent", "response_headers_received",
                        "request_end")),
                arguments("upload", List.of("request_start", "connection_reuseconn", "request_headers_sent",
                        "request_chunk_sent", "request_chunk_sent", "response_headers_received",
                        "response_chunk_received", "connection_released", "request_end")),
                arguments("redirect", List.of("request_start", "connection_reuseconn", "request_headers_sent",
                        "response_headers_received", "connection_released", "request_redirect",
                        "connection_reuseconn", "request_headers_sent", "response_headers_received",
                        "response_chunk_received", "connection_released", "request_end")),
                arguments("redirect before release", List.of("request_start", "connection_reuseconn",
                        "request_headers_sent", "response_headers_received", "request_redirect",
                        "connection_create_start", "connect_start", "connect_end", "connection_create_end",
                        "request_headers_sent", "response_headers_received", "request_end")),
                arguments("stale connection retried", List.of("request_start", "connection_reuseconn",
                        "request_headers_sent", "request_retry", "connection_create_start", "connect_start",
                        "connect_end", "connection_create_end", "request_headers_sent",
                        "response_headers_received", "connection_released", "request_end")),
                arguments("connect refused", List.of("request_start", "connection_create_start",
                        "connect_start", "connect_end!", "connection_create_end!", "request_exception")),
                arguments("second address works", List.of("request_start", "connection_create_start",
                        "dns_resolvehost_start", "dns_resolvehost_end", "connect_start", "connect_end!",
                        "connect_start", "connect_end", "connection_create_end", "request_headers_sent",
                        "response_headers_received", "request_end")),
                arguments("failed connect retried", List.of("request_start", "connection_create_start",
                        "connect_start", "connect_end!", "connection_create_end!", "request_retry",
                        "connection_create_start", "connect_start", "connect_end", "connection_create_end",
                        "request_headers_sent", "response_headers_received", "request_end")),
                arguments("reset mid body", List.of("request_start", "connection_reuseconn",
                        "request_headers_sent", "response_headers_received", "response_chunk_received",
                        "connection_released", "request_exception")),
                arguments("exception before any connection", List.of("request_start", "request_exception")),
                arguments("pool timeout", List.of("request_start", "connection_queued_start",
                        "connection_queued_end!", "request_exception")),
                arguments("body read after release", List.of("request_start", "connection_reuseconn",
                        "request_headers_sent", "response_headers_received", "connection_released",
                        "response_chunk_received", "request_end")),
                arguments("100-continue", List.of("request_start", "connection_reuseconn",
                        "request_headers_sent", "response_headers_received", "request_chunk_sent",
                        "response_headers_received", "request_end")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsValidSequences(String name, List<String> signals) {
        List<SignalGrammar.Violation> v = SignalGrammar.validate(request(signals.toArray(String[]::new)));
        assertEquals(List.of(), v, name);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("not starting with request_start", 0, "expected request_start first",
                        List.of("connection_reuseconn", "request_headers_sent", "response_headers_received",
                                "request_end")),
                arguments("request_start twice", 1, "only once",
                        List.of("request_start", "request_start", "request_exception")),
                arguments("signal after terminal", 5, "nothing may follow",
                        List.of("request_start", "connection_reuseconn", "request_headers_sent",
                                "response_headers_received", "request_end", "connection_released")),
                arguments("two terminals", 2, "nothing may follow",
                        List.of("request_start", "request_exception", "request_exception")),
                arguments("no terminal", 4, "expected request_end or request_exception",
                        List.of("request_start", "connection_reuseconn", "request_headers_sent",
                                "response_headers_received")),
                arguments("headers sent without connection", 1, "must be acquired",
                        List.of("request_start", "request_headers_sent", "response_headers_received",
                                "request_end")),
                arguments("headers sent during create", 3, "must be acquired",
                        List.of("request_start", "connection_create_start", "connect_start",
                                "request_headers_sent", "connect_end", "connection_create_end",
                                "response_headers_received", "request_end")),
                arguments("headers sent after failed create", 3, "only request_retry or request_exception",
                        List.of("request_start", "connection_create_start", "connection_create_end!",
                                "request_headers_sent", "response_headers_received", "request_end")),
                arguments("connect outside create", 1, "only inside connection_create",
                        List.of("request_start", "connect_start", "connect_end", "request_exception")),
                arguments("dns outside create", 2, "only inside connection_create",
                        List.of("request_start", "connection_reuseconn", "dns_resolvehost_start",
                                "dns_resolvehost_end", "request_exception")),
                arguments("create ends while connect open", 3, "expected connect_end before connection_create_end",
                        List.of("request_start", "connection_create_start", "connect_start",
                                "connection_create_end", "request_exception")),
                arguments("phases nested", 3, "expected connect_end before tls_handshake_start",
                        List.of("request_start", "connection_create_start", "connect_start",
                                "tls_handshake_start", "tls_handshake_end", "connect_end",
                                "connection_create_end", "request_exception")),
                arguments("end without start", 2, "without tls_handshake_start",
                        List.of("request_start", "connection_create_start", "tls_handshake_end",
                                "connection_create_end!", "request_exception")),
                arguments("exception while create open", 3, "connection_create_end before request_exception",
                        List.of("request_start", "connection_create_start", "connect_start",
                                "request_exception")),
                arguments("retry while queued", 2, "expected connection_queued_end before request_retry",
                        List.of("request_start", "connection_queued_start", "request_retry",
                                "request_exception")),
                arguments("end without response", 3, "only after response_headers_received",
                        List.of("request_start", "connection_reuseconn", "request_headers_sent",
                                "request_end")),
                arguments("redirect without response", 3, "request_redirect only after",
                        List.of("request_start", "connection_reuseconn", "request_headers_sent",
                                "request_redirect", "connection_reuseconn", "request_headers_sent",
                                "response_headers_received", "request_end")),
                arguments("new hop without acquisition", 6, "must be acquired",
                        List.of("request_start", "connection_reuseconn", "request_headers_sent",
                                "response_headers_received", "connection_released", "request_redirect",
                                "request_headers_sent", "response_headers_received", "request_end")),
                arguments("headers sent twice in a hop", 3, "only once per hop",
                        List.of("request_start", "connection_reuseconn", "request_headers_sent",
                                "request_headers_sent", "response_headers_received", "request_end")),
                arguments("released twice", 5, "connection_released twice",
                        List.of("request_start", "connection_reuseconn", "request_headers_sent",
                                "response_headers_received", "connection_released", "connection_released",
                                "request_end")),
                arguments("body chunk before response headers", 3, "only after response_headers_received",
                        List.of("request_start", "connection_reuseconn", "request_headers_sent",
                                "response_chunk_received", "response_headers_received", "request_end")),
                arguments("request chunk after release", 5, "request_chunk_sent only after",
                        List.of("request_start", "connection_reuseconn", "request_headers_sent",
                                "response_headers_received", "connection_released", "request_chunk_sent",
                                "request_end")),
                arguments("acquired twice", 2, "connection_reuseconn only at the start of a hop",
                        List.of("request_start", "connection_reuseconn", "connection_reuseconn",
                                "request_headers_sent", "response_headers_received", "request_end")),
                arguments("unknown signal", 1, "unknown signal",
                        List.of("request_start", "request_teleported", "request_exception")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsInvalidSequences(String name, int index, String messagePart, List<String> signals) {
        List<SignalGrammar.Violation> v = SignalGrammar.validate(request(signals.toArray(String[]::new)));
        assertTrue(!v.isEmpty(), name + ": expected a violation");
        SignalGrammar.Violation first = v.get(0);
        assertEquals(index, first.index(), name + ": " + v);
        assertTrue(first.message().contains(messagePart), name + ": '" + messagePart + "' not in " + v);
    }

    @Test
    void unfinishedRequestsAcceptedOnlyWhenAllowed() {
        RequestSignals r = request("request_start", "connection_reuseconn", "request_headers_sent");
        assertEquals(List.of(), SignalGrammar.validate(r, true));
        assertEquals(1, SignalGrammar.validate(r, false).size());
        // allowing unfinished requests does not excuse a broken prefix
        RequestSignals broken = request("request_start", "request_headers_sent");
        assertEquals(1, SignalGrammar.validate(broken, true).size());
    }

    @Test
    void assertValidChecksEveryRequestOfAnInterleavedLog() {
        String good = lines(1, "request_start", "connection_reuseconn", "request_headers_sent",
                "response_headers_received", "request_end");
        String bad = lines(2, "request_start", "request_headers_sent", "request_exception");
        // interleave line by line, as concurrent requests are written
        String[] g = good.split("\n");
        String[] b = bad.split("\n");
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < Math.max(g.length, b.length); i++) {
            if (i < g.length) {
                mixed.append(g[i]).append('\n');
            }
            if (i < b.length) {
                mixed.append(b[i]).append('\n');
            }
        }
        SignalLog log = SignalLog.parse(mixed.toString(), "mixed.jsonl");
        SignalGrammar.assertValid(SignalLog.parse(good, "good.jsonl"));
        AssertionError e = assertThrows(AssertionError.class, () -> SignalGrammar.assertValid(log));
        assertTrue(e.getMessage().contains("request 2 #1 request_headers_sent"), e.getMessage());
        assertTrue(!e.getMessage().contains("request 1 "), e.getMessage());
    }

    @Test
    void violationsNameRequestIndexAndSignal() {
        List<SignalGrammar.Violation> v = SignalGrammar.validate(request("request_start", "connect_end",
                "request_exception"));
        assertEquals(List.of("request 1 #1 connect_end: connect_end only inside connection_create_start/_end"),
                v.stream().map(Object::toString).collect(Collectors.toList()));
    }
}
