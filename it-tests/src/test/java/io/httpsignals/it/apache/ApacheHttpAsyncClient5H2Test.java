package io.httpsignals.it.apache;

import io.httpsignals.it.apps.Apache5AsyncH2App;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.JettyServer;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.RecordedRequest;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.httpsignals.it.support.ItAssertions.assertSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Apache HttpClient 5.6 async over HTTP/2 negotiated by ALPN ({@code HttpVersionPolicy.NEGOTIATE}, message
 * multiplexing on) against Jetty, in a child JVM per JDK, running {@link Apache5AsyncH2App}: 8 concurrent requests
 * are streams of the one connection the first request opened, and each stream's signals land on its own request.
 */
class ApacheHttpAsyncClient5H2Test {

    private static JettyServer jetty;

    @BeforeAll
    static void startServer() {
        jetty = JettyServer.start();
    }

    @AfterAll
    static void stopServer() {
        jetty.close();
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void negotiated(Jdks.Jdk jdk, @TempDir Path dir) {
        jetty.clearRequests();
        ApacheChildRun run = ApacheChildRun.run(jdk, dir, ChildJvm.classPath(), Apache5AsyncH2App.class,
                String.valueOf(jetty.port()));
        ClassicScenarioChecks.assertAgentLines(run.result.stderr());
        SignalGrammar.assertValid(run.log);

        RequestSignals first = run.log.singleRequestForUrl("s=h2-first");
        assertSignals(first, "request_start", "connection_create_start", "dns_resolvehost_start",
                "dns_resolvehost_end", "connect_start", "connect_end", "tls_handshake_start", "tls_handshake_end",
                "connection_create_end", "request_headers_sent", "response_headers_received",
                "response_chunk_received", "connection_released", "request_end");
        assertEquals("h2", first.first("tls_handshake_end").alpn());
        SignalRecord created = first.first("connection_create_end");
        assertEquals("HTTP/2", created.protocol(), created.toString());
        assertEquals("HTTP/2", first.first("response_headers_received").protocol());
        assertEquals(200, first.first("request_end").status());

        Map<String, String> idByQuery = jetty.requests().stream()
                .filter(q -> q.query() != null && q.query().contains("h2="))
                .collect(Collectors.toMap(RecordedRequest::query,
                        q -> String.valueOf(q.header(ApacheChildRun.TRACE_HEADER))));
        List<RequestSignals> streams = run.log.requestsForUrl("h2=");
        assertEquals(8, streams.size());
        for (RequestSignals r : streams) {
            assertSignals(r, "request_start", "connection_reuseconn", "request_headers_sent",
                    "response_headers_received", "response_chunk_received", "connection_released", "request_end");
            SignalRecord reused = r.first("connection_reuseconn");
            assertEquals(created.connection(), reused.connection(), reused.toString());
            assertEquals("HTTP/2", reused.protocol(), reused.toString());
            assertEquals("HTTP/2", r.first("response_headers_received").protocol());
            assertEquals(200, r.first("request_end").status());
            String query = r.url().substring(r.url().indexOf('?') + 1);
            assertEquals(Long.toString(r.id()), idByQuery.get(query), "trace header for " + query);
        }
    }
}
