package io.httpsignals.it.apache;

import io.httpsignals.it.apps.Apache5AsyncApp;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.RecordedRequest;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.httpsignals.it.support.ItAssertions.assertSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache HttpClient 5.6 async API over HTTP/1.1, in a child JVM per JDK, running {@link Apache5AsyncApp}: signals
 * emitted on I/O reactor threads land on the right request (the server saw each request with the trace id the log
 * shows for it), and the pool test (max 2 per route, 8 threads x 50 requests) creates exactly 2 connections.
 */
class ApacheHttpAsyncClient5Test {

    private static Http1Server http;

    @BeforeAll
    static void startServer() {
        http = Http1Server.start();
    }

    @AfterAll
    static void stopServer() {
        http.close();
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void newest(Jdks.Jdk jdk, @TempDir Path dir) {
        http.clearRequests();
        ApacheChildRun run = ApacheChildRun.run(jdk, dir, ChildJvm.classPath(), Apache5AsyncApp.class,
                String.valueOf(http.port()));
        ClassicScenarioChecks.assertAgentLines(run.result.stderr());
        SignalGrammar.assertValid(run.log);

        RequestSignals get = run.log.singleRequestForUrl("s=async-get");
        assertSignals(get, "request_start", "connection_create_start", "connection_create_end",
                "request_headers_sent", "response_headers_received", "response_chunk_received", "request_end");
        assertEquals("apache-httpclient5-async", get.client());
        assertEquals(200, get.first("request_end").status());
        assertEquals(5L, get.first("response_chunk_received").bytes());
        ClassicScenarioChecks.assertInjected(http, get, 1);

        RequestSignals post = run.log.singleRequestForUrl("s=async-post");
        // whether the first connection is back in the pool when the POST leases is up to the I/O thread
        List<String> acquisition = post.has("connection_reuseconn") ? List.of("connection_reuseconn")
                : List.of("connection_create_start", "connection_create_end");
        ClassicScenarioChecks.assertNames(post, List.of("request_start"), acquisition,
                List.of("request_headers_sent", "response_headers_received", "response_chunk_received",
                        "request_end"));
        ClassicScenarioChecks.assertInjected(http, post, 1);

        RequestSignals redirect = run.log.singleRequestForUrl("s=async-redirect");
        assertEquals(2, redirect.count("request_redirect"), redirect.describe());
        assertEquals(3, redirect.count("response_headers_received"), redirect.describe());
        assertTrue(redirect.all("request_redirect").get(1).location().endsWith("/hello"), redirect.describe());
        assertEquals(200, redirect.first("request_end").status());
        ClassicScenarioChecks.assertInjected(http, redirect, 3);

        List<RequestSignals> pool = run.log.requestsForUrl("pool=async&");
        assertEquals(400, pool.size());
        Map<String, String> idByQuery = http.requests().stream()
                .filter(q -> q.query() != null && q.query().contains("pool=async&"))
                .collect(Collectors.toMap(RecordedRequest::query,
                        q -> String.valueOf(q.header(TraceHeaderListenerProvider.HEADER))));
        int created = 0;
        int queued = 0;
        for (RequestSignals r : pool) {
            String query = r.url().substring(r.url().indexOf('?') + 1);
            assertEquals(Long.toString(r.id()), idByQuery.get(query), "trace header for " + query);
            List<String> expected = new ArrayList<>(List.of("request_start"));
            if (r.has("connection_queued_start")) {
                queued++;
                expected.addAll(List.of("connection_queued_start", "connection_queued_end"));
                assertEquals(2, r.first("connection_queued_start").max(), r.describe());
                assertFalse(r.first("connection_queued_end").hasError(), r.describe());
            }
            if (r.has("connection_create_start")) {
                created++;
                expected.addAll(List.of("connection_create_start", "connection_create_end"));
            } else {
                expected.add("connection_reuseconn");
            }
            expected.addAll(List.of("request_headers_sent", "response_headers_received", "response_chunk_received",
                    "request_end"));
            assertSignals(r, expected.toArray(new String[0]));
            assertEquals(200, r.first("request_end").status());
        }
        assertEquals(2, created, "connections created by the async pool");
        assertTrue(queued > 0, "no async request queued");
    }
}
