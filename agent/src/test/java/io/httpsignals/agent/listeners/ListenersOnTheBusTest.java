package io.httpsignals.agent.listeners;

import io.httpsignals.agent.listeners.console.ConsoleListenerProvider;
import io.httpsignals.agent.listeners.summary.SummaryListenerProvider;
import io.httpsignals.api.ClientKind;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in listeners behind the real {@link SignalBus}, fed the full signal sequence a hooked client emits: checks
 * that the bus hands them every phase signal (they declare interest by overriding, partly in a superclass) and that
 * what they print reflects it.
 */
class ListenersOnTheBusTest {

    @AfterEach
    void uninstall() {
        SignalBus.retire(SignalBus.install(Map.of()));
    }

    @Test
    void everyPhaseReachesConsoleAndSummary(@TempDir Path dir) throws Exception {
        Path console = dir.resolve("console.txt");
        Path summary = dir.resolve("summary.txt");
        Map<String, HttpSignalListener<?>> listeners = new LinkedHashMap<>();
        listeners.put("console", new ConsoleListenerProvider().create(
                new SimpleListenerOptions("console", Map.of("file", console.toString()))));
        listeners.put("summary", new SummaryListenerProvider().create(
                new SimpleListenerOptions("summary", Map.of("file", summary.toString(), "jmx", "false"))));
        SignalBus.install(listeners);

        String url = "https://api.example.test:8443/items";
        Trace first = SignalBus.requestStart(ClientKind.APACHE_HTTPCLIENT5, "GET", url, Map.of());
        long connection = SignalBus.nextConnectionId();
        SignalBus.connectionCreateStart(first);
        SignalBus.dnsStart(first, "api.example.test");
        SignalBus.dnsEnd(first, "api.example.test", List.of(InetAddress.getLoopbackAddress()), null);
        SignalBus.connectStart(first, "127.0.0.1:8443");
        SignalBus.connectEnd(first, "127.0.0.1:8443", null);
        SignalBus.tlsStart(first);
        SignalBus.tlsEnd(first, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "http/1.1", null);
        SignalBus.connectionCreateEnd(first, connection, "127.0.0.1:8443", "HTTP/1.1", null);
        SignalBus.requestHeadersSent(first, Map.of());
        SignalBus.responseHeadersReceived(first, 200, "HTTP/1.1", Map.of());
        SignalBus.responseChunkReceived(first, 10);
        SignalBus.connectionReleased(first, connection, true);
        SignalBus.requestEnd(first, 200);

        Trace second = SignalBus.requestStart(ClientKind.APACHE_HTTPCLIENT5, "GET", url, Map.of());
        SignalBus.connectionQueuedStart(second, 1, 0, 1);
        SignalBus.connectionQueuedEnd(second, null);
        SignalBus.connectionReused(second, connection, "127.0.0.1:8443", "HTTP/1.1");
        SignalBus.requestHeadersSent(second, Map.of());
        SignalBus.responseHeadersReceived(second, 503, "HTTP/1.1", Map.of());
        SignalBus.requestEnd(second, 503);

        uninstall(); // closes the listeners: the summary prints its table

        List<String> lines = Files.readAllLines(console);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("GET \\Q" + url + "\\E 200 \\d+ms  queue 0  dns \\d+  connect \\d+  tls \\d+"
                + "  ttfb \\d+  body \\d+  reused no  conn #" + connection), lines.get(0));
        assertTrue(lines.get(1).matches("GET \\Q" + url + "\\E 503 \\d+ms  queue \\d+  dns 0  connect 0  tls 0"
                + "  ttfb \\d+  body \\d+  reused yes  conn #" + connection), lines.get(1));
        String table = Files.readString(summary);
        // requests, errors, 1xx..5xx, connections new, reused, queued
        assertTrue(table.matches("(?s).*\napache-httpclient5 +api\\.example\\.test:8443 +2 +0 +0 +1 +0 +0 +1 +1 +1 +1 .*"),
                table);
        for (String phase : List.of("dns", "connect", "tls", "pool wait")) {
            assertTrue(table.matches("(?s).*\n +" + phase + " +1 .*"), phase + " in\n" + table);
        }
        assertTrue(table.matches("(?s).*\n +ttfb +2 .*"), table);
    }
}
