package io.httpsignals.agent.listeners.jfr;

import io.httpsignals.agent.listeners.SyntheticRequest;
import io.httpsignals.api.ClientKind;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JfrListenerTest {

    private final JfrListener listener = new JfrListener();

    @Test
    void noRecordingNoContext() {
        assertNull(listener.newContext(new SyntheticRequest.FakeTrace(1, ClientKind.JDK_HTTPCLIENT, "GET",
                "http://127.0.0.1/", 1L)));
    }

    @Test
    void withoutARecordingARequestCostsNoAllocation() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        SyntheticRequest.FakeTrace trace = new SyntheticRequest.FakeTrace(1, ClientKind.JDK_HTTPCLIENT, "GET",
                "http://127.0.0.1/", 1L);
        long thread = Thread.currentThread().getId();
        long allocated = 0;
        for (int round = 0; round < 2; round++) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 100_000; i++) {
                JfrListener.Context c = listener.newContext(trace);
                listener.onConnectionCreateStart(trace, c, 2L);
                listener.onConnectStart(trace, c, 3L, "127.0.0.1:80");
                listener.onConnectEnd(trace, c, 4L, "127.0.0.1:80", null);
                listener.onRequestEnd(trace, c, 5L, 200, 0, 0);
            }
            allocated = threads.getThreadAllocatedBytes(thread) - before;
        }
        assertTrue(allocated < 100_000, "allocated " + allocated + " bytes for 100000 requests");
    }

    @Test
    void eventsForTheRequestAndEachPhase(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("httpsignals.Request");
            recording.enable("httpsignals.PoolWait");
            recording.enable("httpsignals.DnsLookup");
            recording.enable("httpsignals.Connect");
            recording.enable("httpsignals.TlsHandshake");
            recording.start();
            SyntheticRequest.start(listener, 42, ClientKind.APACHE_HTTPCLIENT5, "GET",
                            "https://Example.test:8443/path")
                    .queued(0, 1)
                    .created(1, 1, 1, 1, 7)
                    .responseHeaders(9, 200)
                    .end(10, 200);
            SyntheticRequest.start(listener, 43, ClientKind.APACHE_HTTPCLIENT5, "GET", "https://example.test:8443/")
                    .reused(0, 7)
                    .fail(1, new java.io.IOException("reset"));
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Map<String, List<RecordedEvent>> byName = events.stream()
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
        assertEquals(2, byName.get("httpsignals.Request").size(), byName.toString());
        for (String phase : List.of("httpsignals.PoolWait", "httpsignals.DnsLookup", "httpsignals.Connect",
                "httpsignals.TlsHandshake")) {
            assertEquals(1, byName.get(phase).size(), phase);
            RecordedEvent e = byName.get(phase).get(0);
            assertEquals(42L, e.getLong("requestId"));
            // a lookup names the host it resolved; the others the request's host and port
            assertEquals(phase.equals("httpsignals.DnsLookup") ? "example.test" : "example.test:8443",
                    e.getString("host"));
            assertEquals(List.of("httpsignals"), e.getEventType().getCategoryNames());
        }
        assertEquals("127.0.0.1:8443", byName.get("httpsignals.Connect").get(0).getString("address"));
        assertEquals("TLSv1.3", byName.get("httpsignals.TlsHandshake").get(0).getString("tlsVersion"));
        assertEquals("127.0.0.1", byName.get("httpsignals.DnsLookup").get(0).getString("addresses"));
        RecordedEvent ok = byName.get("httpsignals.Request").stream()
                .filter(e -> e.getLong("requestId") == 42).findFirst().orElseThrow();
        assertEquals(200, ok.getInt("status"));
        assertEquals(7L, ok.getLong("connectionId"));
        assertEquals("example.test:8443", ok.getString("host"));
        assertEquals("GET", ok.getString("method"));
        assertEquals(1_000_000L, ok.getDuration("dns").toNanos());
        assertEquals(9_000_000L, ok.getDuration("timeToFirstByte").toNanos());
        assertTrue(!ok.getBoolean("reused"));
        RecordedEvent failed = byName.get("httpsignals.Request").stream()
                .filter(e -> e.getLong("requestId") == 43).findFirst().orElseThrow();
        assertEquals(-1, failed.getInt("status"));
        assertEquals("java.io.IOException: reset", failed.getString("error"));
        assertTrue(failed.getBoolean("reused"));
    }
}
