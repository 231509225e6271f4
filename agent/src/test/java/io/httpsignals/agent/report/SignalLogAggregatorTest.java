package io.httpsignals.agent.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalLogAggregatorTest {

    private static final String URL = "https://api.example.test:8443/users?page=1";

    /** A log line as the log listener writes it, {@code extra} being the signal's own fields. */
    static String line(long request, String signal, long elapsedUs, String extra) {
        long epochUs = 1_795_000_000_000_000L + 5_000_000L * request + elapsedUs;
        String time = java.time.Instant.EPOCH.plusNanos(epochUs * 1000).toString();
        return "{\"time\":\"" + time + "\",\"request\":" + request + ",\"client\":\"jdk-httpclient\",\"signal\":\""
                + signal + "\",\"elapsed_us\":" + elapsedUs + ",\"method\":\"GET\",\"url\":\"" + URL + "\""
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static ReportModel aggregate(List<String> lines) {
        SignalLogAggregator aggregator = new SignalLogAggregator();
        aggregator.beginFile("test.jsonl");
        for (int i = 0; i < lines.size(); i++) {
            aggregator.accept(i + 1, lines.get(i));
        }
        aggregator.endFile();
        return aggregator.finish();
    }

    private static List<String> segments(RequestRecord r) {
        List<String> out = new ArrayList<>();
        for (Segment s : r.segments) {
            out.add(s.phase().key + " " + s.startUs() + "-" + s.endUs() + (s.failed() ? " failed" : "")
                    + (s.hop() > 0 ? " hop" + s.hop() : ""));
        }
        return out;
    }

    @Test
    void everyPhaseOfANewTlsConnectionBecomesASegment() {
        ReportModel model = aggregate(List.of(
                line(1, "request_start", 0, "\"headers\":{\"authorization\":[\"<redacted>\"]}"),
                line(1, "connection_create_start", 100, ""),
                line(1, "dns_resolvehost_start", 200, "\"host\":\"api.example.test\""),
                line(1, "dns_resolvehost_end", 1200, "\"host\":\"api.example.test\",\"addresses\":[\"127.0.0.1\"]"),
                line(1, "connect_start", 1300, "\"address\":\"127.0.0.1:8443\""),
                line(1, "connect_end", 2300, "\"address\":\"127.0.0.1:8443\""),
                line(1, "tls_handshake_start", 2400, ""),
                line(1, "tls_handshake_end", 5400, "\"tls_version\":\"TLSv1.3\""),
                line(1, "connection_create_end", 5500, "\"connection\":7,\"address\":\"127.0.0.1:8443\""),
                line(1, "request_headers_sent", 5600, ""),
                line(1, "request_chunk_sent", 6000, "\"bytes\":10"),
                line(1, "response_headers_received", 9000, "\"status\":200,\"protocol\":\"HTTP/2\""),
                line(1, "response_chunk_received", 9500, "\"bytes\":100"),
                line(1, "connection_released", 9600, "\"connection\":7,\"kept_alive\":true"),
                line(1, "request_end", 9700, "\"status\":200,\"bytes_sent\":10,\"bytes_received\":100")));
        assertEquals(1, model.requests().size());
        RequestRecord r = model.requests().get(0);
        assertEquals(List.of("dns 200-1200", "connect 1300-2300", "tls 2400-5400", "send 5500-6000",
                "wait 6000-9000", "body 9000-9700"), segments(r));
        assertEquals(List.of(new RequestRecord.ConnectionUse(7, false, 5500)), r.connections);
        assertEquals(200, r.status);
        assertEquals(9700, r.durationUs());
        assertNull(r.incompleteReason());
        assertEquals("api.example.test:8443", r.host());
        assertEquals(15, r.signals.size());
        assertEquals("{\"headers\":{\"authorization\":[\"\\u003credacted\\u003e\"]}}", r.signals.get(0).fieldsJson(),
                "fields are kept as the log wrote them (redacted), escaped for embedding in HTML");
        assertNull(r.signals.get(1).fieldsJson());
        assertEquals(0, model.problems().skippedLines());
    }

    @Test
    void poolWaitRedirectRetryAndFailureAreDrawnPerHop() {
        ReportModel model = aggregate(List.of(
                line(1, "request_start", 0, ""),
                line(1, "connection_queued_start", 10, "\"leased\":1,\"pending\":1,\"max\":1"),
                line(1, "connection_queued_end", 2010, ""),
                line(1, "connection_reuseconn", 2020, "\"connection\":3"),
                line(1, "request_headers_sent", 2100, ""),
                line(1, "response_headers_received", 3000, "\"status\":302"),
                line(1, "request_redirect", 3100, "\"status\":302,\"location\":\"http://x/next\""),
                line(1, "connection_reuseconn", 3200, "\"connection\":3"),
                line(1, "request_headers_sent", 3300, ""),
                line(1, "request_retry", 4000, "\"reason\":\"reset\""),
                line(1, "connection_create_start", 4100, ""),
                line(1, "connection_create_end", 4500, "\"error\":{\"type\":\"java.net.ConnectException\","
                        + "\"message\":\"refused\"}"),
                line(1, "request_exception", 4600, "\"error\":{\"type\":\"java.net.ConnectException\","
                        + "\"message\":\"refused\"}")));
        RequestRecord r = model.requests().get(0);
        assertEquals(List.of("queue 10-2010", "send 2020-2100", "wait 2100-3000", "body 3000-3100",
                "send 3200-3300 hop1", "wait 3300-4000 hop1", "connect 4100-4500 failed hop2"), segments(r));
        assertEquals(3, r.hops);
        assertEquals(2000, r.queuedUs);
        assertTrue(r.failed());
        assertEquals("ConnectException: refused", r.error);
        assertEquals(List.of("REDIRECT 3100 302 http://x/next", "RETRY 4000 reset",
                "ERROR 4600 ConnectException: refused"), r.marks.stream()
                .map(m -> m.kind() + " " + m.atUs() + " " + m.text()).toList());
        assertEquals(2, r.connections.size());
        assertTrue(r.connections.get(0).reused());
    }

    @Test
    void aFailureMidBodyFailsTheRequestButARecoveredPhaseDoesNot() {
        ReportModel model = aggregate(List.of(
                line(1, "request_start", 0, ""),
                line(1, "connection_reuseconn", 10, "\"connection\":1"),
                line(1, "response_headers_received", 500, "\"status\":200"),
                line(1, "request_exception", 900, "\"error\":{\"type\":\"java.io.IOException\","
                        + "\"message\":\"connection reset\"}"),
                line(2, "request_start", 0, ""),
                line(2, "connection_create_start", 10, ""),
                line(2, "connect_start", 20, ""),
                line(2, "connect_end", 30, "\"error\":{\"type\":\"java.net.ConnectException\"}"),
                line(2, "connection_create_end", 40, "\"error\":{\"type\":\"java.net.ConnectException\"}"),
                line(2, "request_retry", 50, "\"reason\":\"connect failed\""),
                line(2, "connection_reuseconn", 60, "\"connection\":1"),
                line(2, "response_headers_received", 90, "\"status\":204"),
                line(2, "request_end", 95, "\"status\":204")));
        RequestRecord reset = byId(model, 1);
        assertTrue(reset.failed());
        assertEquals("IOException: connection reset", reset.error);
        assertEquals(200, reset.status);
        assertEquals(List.of("wait 10-500", "body 500-900 failed"), segments(reset),
                "without request_headers_sent the time to the response is all waiting");
        RequestRecord recovered = byId(model, 2);
        assertFalse(recovered.failed());
        assertNull(recovered.error);
        assertEquals(List.of("connect 20-30 failed", "wait 60-90 hop1", "body 90-95 hop1"), segments(recovered));
    }

    @Test
    void badLinesAreCountedAndSkippedNeverFatal() {
        ReportModel model = aggregate(List.of(
                "",
                "not json at all",
                line(1, "request_start", 0, "").substring(0, 40),          // truncated mid-line
                "{\"hello\":\"world\"}",                                    // JSON, not a signal
                "[1,2,3]",
                line(1, "request_start", 0, ""),
                line(1, "quantum_entanglement_start", 5, ""),               // a signal from a newer version
                line(1, "response_headers_received", 50, "\"status\":204"),
                line(1, "request_end", 60, "\"status\":204"),
                line(1, "response_chunk_received", 70, "\"bytes\":1"),      // after the end
                line(2, "request_headers_sent", 30, ""),                    // log began mid-request
                line(2, "request_end", 90, "\"status\":200"),
                line(3, "request_start", 0, ""),                             // log cut mid-request
                line(3, "request_headers_sent", 40, ""),
                "{\"time\":\"yesterday\",\"request\":4,\"signal\":\"request_start\",\"elapsed_us\":0}",
                "\u0000\u0001garbage\uFFFD"));
        InputProblems p = model.problems();
        assertEquals(16, p.lines);
        assertEquals(1, p.blankLines);
        assertEquals(3, p.malformedLines);
        assertEquals(3, p.notSignalLines);
        assertEquals(Map.of("quantum_entanglement_start", 1L), p.unknownSignals);
        assertEquals(1, p.afterTerminal);
        assertEquals(1, p.withoutStart);
        assertEquals(1, p.withoutEnd);
        assertEquals(3, model.requests().size());
        assertFalse(p.examples.isEmpty());
        assertTrue(p.examples.get(0).startsWith("test.jsonl:2: not JSON"), p.examples.get(0));

        RequestRecord withoutStart = byId(model, 2);
        assertEquals("no request_start in the log", withoutStart.incompleteReason());
        assertEquals(200, withoutStart.status);
        RequestRecord cut = byId(model, 3);
        assertNotNull(cut.incompleteReason());
        assertEquals(List.of("send 0-40", "wait 40-40"), segments(cut));
    }

    @Test
    void anIdStartedAgainIsANewRequestAndFilesHaveTheirOwnIds() {
        SignalLogAggregator aggregator = new SignalLogAggregator();
        aggregator.beginFile("a.jsonl");
        aggregator.accept(1, line(1, "request_start", 0, ""));
        aggregator.accept(2, line(1, "request_end", 10, "\"status\":200"));
        aggregator.accept(3, line(1, "request_start", 0, ""));   // second run appended to the same file
        aggregator.accept(4, line(1, "request_end", 20, "\"status\":500"));
        aggregator.endFile();
        aggregator.beginFile("b.jsonl");
        aggregator.accept(1, line(1, "request_start", 0, ""));
        aggregator.accept(2, line(1, "request_end", 30, "\"status\":201"));
        aggregator.endFile();
        ReportModel model = aggregator.finish();
        assertEquals(List.of("a.jsonl", "b.jsonl"), model.files());
        assertEquals(3, model.requests().size());
        assertEquals(List.of(200, 500, 201), model.requests().stream().map(r -> r.status).toList());
        assertEquals(List.of(0, 0, 1), model.requests().stream().map(r -> r.file).toList());
        assertEquals(0, model.problems().duplicateStarts);
    }

    @Test
    void signalFieldsBeyondTheBudgetAreLeftOutButTimelinesStay() {
        SignalLogAggregator aggregator = new SignalLogAggregator(10);
        aggregator.beginFile("t");
        aggregator.accept(1, line(1, "request_start", 0, "\"headers\":{\"accept\":[\"*/*\"]}"));
        aggregator.accept(2, line(1, "response_headers_received", 5, "\"status\":200"));
        aggregator.accept(3, line(1, "request_end", 9, "\"status\":200"));
        aggregator.accept(4, line(2, "request_start", 0, "\"headers\":{}"));
        aggregator.accept(5, line(2, "request_end", 9, "\"status\":200"));
        ReportModel model = aggregator.finish();
        assertEquals(2, model.problems().detailOmitted);
        assertEquals(200, byId(model, 1).status);
        assertNull(byId(model, 1).signals.get(1).fieldsJson());
    }

    @Test
    void percentilesUseNearestRank() {
        Percentiles p = new Percentiles();
        for (int i = 100; i >= 1; i--) {
            p.add(i);
        }
        assertEquals(50, p.percentile(50));
        assertEquals(90, p.percentile(90));
        assertEquals(99, p.percentile(99));
        assertEquals(100, p.max());
        assertEquals(-1, new Percentiles().percentile(50));
    }

    @Test
    void hostSummaryCountsConnectionsQueuesAndOpenConnections() {
        ReportModel model = aggregate(List.of(
                line(1, "request_start", 0, ""),
                line(1, "connection_create_start", 1, ""),
                line(1, "connection_create_end", 100, "\"connection\":1"),
                line(1, "request_headers_sent", 110, ""),
                line(1, "response_headers_received", 200, "\"status\":200"),
                line(1, "request_end", 300, "\"status\":200"),
                line(2, "request_start", 0, ""),
                line(2, "connection_queued_start", 1, ""),
                line(2, "connection_queued_end", 51, ""),
                line(2, "connection_reuseconn", 52, "\"connection\":1"),
                line(2, "request_headers_sent", 60, ""),
                line(2, "response_headers_received", 90, "\"status\":503"),
                line(2, "request_end", 100, "\"status\":503")));
        List<HostSummary> summaries = HostSummary.of(model);
        assertEquals(2, summaries.size());
        HostSummary host = summaries.get(1);
        assertEquals("api.example.test:8443", host.host);
        assertEquals(2, host.requests);
        assertEquals(1, host.status5xx);
        assertEquals(1, host.connectionsCreated);
        assertEquals(1, host.connectionsReused);
        assertEquals(1, host.queueWait.count());
        assertEquals(50, host.queueWait.max());
        assertEquals(300, host.total.max());
        int maxOpen = 0;
        for (int open : host.openConnections) {
            maxOpen = Math.max(maxOpen, open);
        }
        assertEquals(1, maxOpen, "one connection, created once, used twice");
    }

    private static RequestRecord byId(ReportModel model, long id) {
        return model.requests().stream().filter(r -> r.id == id).findFirst().orElseThrow();
    }
}
