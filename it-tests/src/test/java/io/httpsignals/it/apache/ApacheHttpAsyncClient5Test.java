package io.httpsignals.it.apache;

import io.httpsignals.it.apps.Apache5AsyncApp;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.MisbehavingServer;
import io.httpsignals.it.support.Ports;
import io.httpsignals.it.support.RecordedRequest;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.httpsignals.it.apache.ClassicScenarioChecks.assertInjected;
import static io.httpsignals.it.apache.ClassicScenarioChecks.assertNames;
import static io.httpsignals.it.support.ItAssertions.assertSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache HttpClient 5.x async API over HTTP/1.1: the newest 5.6.x (the test class path) and the oldest claimed 5.x
 * (5.2, its own jars), each in a child JVM per JDK, running {@link Apache5AsyncApp}. Signals emitted on I/O reactor
 * threads land on the right request (the server saw each request with the trace id the log shows for it).
 */
class ApacheHttpAsyncClient5Test {

    private static Http1Server http;
    private static Http1Server https;
    private static MisbehavingServer closing;
    private static MisbehavingServer resetting;
    private static int resetHeadsBefore;

    @BeforeAll
    static void startServers() {
        http = Http1Server.start();
        https = Http1Server.startTls();
        closing = MisbehavingServer.start(MisbehavingServer.Mode.CLOSE_AFTER_FIRST_RESPONSE);
        resetting = MisbehavingServer.start(MisbehavingServer.Mode.RESET_MID_BODY);
    }

    @AfterAll
    static void stopServers() {
        http.close();
        https.close();
        closing.close();
        resetting.close();
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void newest(Jdks.Jdk jdk, @TempDir Path dir) {
        ApacheChildRun run = run(jdk, dir, ChildJvm.classPath());
        ClassicScenarioChecks.assertAgentLines(run.result.stderr());
        check(run);
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void oldest(Jdks.Jdk jdk, @TempDir Path dir) {
        String cp = ApacheChildRun.classPathReplacing(List.of("httpclient5-", "httpcore5-"),
                Path.of(System.getProperty("it.apache5.oldest.dir")));
        ApacheChildRun run = run(jdk, dir, cp);
        // 5.2 has no DnsResolver.resolve(host, port) (the classic module's hook of it is skipped); the async
        // client's lookups are observed where its session requester calls the resolver
        ClassicScenarioChecks.assertAgentLines(run.result.stderr(), "DnsResolveHostPortAdvice");
        check(run);
    }

    private static ApacheChildRun run(Jdks.Jdk jdk, Path dir, String classPath) {
        http.clearRequests();
        https.clearRequests();
        resetHeadsBefore = resetting.requestHeads().size();
        return ApacheChildRun.run(jdk, dir, classPath, Apache5AsyncApp.class, String.valueOf(http.port()),
                String.valueOf(https.port()), String.valueOf(Ports.refused()), String.valueOf(closing.port()),
                String.valueOf(resetting.port()));
    }

    private static void check(ApacheChildRun run) {
        ClassicScenarioChecks checks = new ClassicScenarioChecks(run.log, "apache-httpclient5-async", true, "async-");
        checks.grammarAndClient();
        httpGetPost(checks);
        https(checks);
        redirect(checks);
        checks.refused();
        checks.unknownHost();
        checks.customDns(true);
        checks.leaseTimeout("org.apache.hc.core5.util.DeadlineTimeoutException");
        retry(checks);
        pool(run);
    }

    private static List<String> create() {
        return List.of("connection_create_start", "connect_start", "connect_end", "connection_create_end");
    }

    private static List<String> exchange() {
        return ClassicScenarioChecks.exchange();
    }

    private static void httpGetPost(ClassicScenarioChecks checks) {
        RequestSignals get = checks.scenario("get");
        assertNames(get, List.of("request_start"), create(), exchange(), List.of("request_end"));
        SignalRecord created = get.first("connection_create_end");
        assertEquals("127.0.0.1:" + http.port(), created.address());
        assertEquals("127.0.0.1:" + http.port(), get.first("connect_start").address());
        assertTrue(created.connection() > 0, created.toString());
        assertEquals(created.connection(), get.first("connection_released").connection());
        assertEquals(Boolean.TRUE, get.first("connection_released").keptAlive());
        assertEquals(200, get.first("request_end").status());
        assertEquals(5L, get.first("response_chunk_received").bytes());
        assertInjected(http, get, 1);

        RequestSignals post = checks.scenario("post");
        // the GET's future completes before its endpoint is back in the pool: the POST may open a second one
        List<String> acquisition = post.has("connection_reuseconn") ? List.of("connection_reuseconn") : create();
        assertNames(post, List.of("request_start"), acquisition, List.of("request_headers_sent",
                "request_chunk_sent", "response_headers_received", "response_chunk_received", "connection_released",
                "request_end"));
        if (post.has("connection_reuseconn")) {
            assertEquals(created.connection(), post.first("connection_reuseconn").connection());
            assertEquals("127.0.0.1:" + http.port(), post.first("connection_reuseconn").address());
        }
        assertEquals(9L, post.first("request_chunk_sent").bytes());
        assertInjected(http, post, 1);
    }

    private static void https(ClassicScenarioChecks checks) {
        RequestSignals r = checks.scenario("https");
        assertNames(r, List.of("request_start", "connection_create_start", "dns_resolvehost_start",
                "dns_resolvehost_end", "connect_start", "connect_end", "tls_handshake_start", "tls_handshake_end",
                "connection_create_end"), exchange(), List.of("request_end"));
        assertEquals("localhost", r.first("dns_resolvehost_start").host());
        SignalRecord tls = r.first("tls_handshake_end");
        assertFalse(tls.hasError(), tls.toString());
        assertTrue(tls.tlsVersion().startsWith("TLSv1."), tls.toString());
        assertNotNull(tls.cipherSuite(), tls.toString());
        assertEquals(r.first("connect_start").address(), r.first("connection_create_end").address());
        assertEquals(200, r.first("request_end").status());
        assertInjected(https, r, 1);
    }

    private static void redirect(ClassicScenarioChecks checks) {
        RequestSignals r = checks.scenario("redirect");
        // the async chain keeps its endpoint across redirects to the same route: released once, at the end
        List<String> hop = List.of("request_headers_sent", "response_headers_received", "response_chunk_received");
        List<String> followingHop = List.of("request_redirect", "connection_reuseconn");
        assertNames(r, List.of("request_start"), r.has("connection_create_start") ? create()
                        : List.of("connection_reuseconn"), hop, followingHop, hop, followingHop, exchange(),
                List.of("request_end"));
        assertTrue(r.all("request_redirect").get(1).location().endsWith("/hello"), r.describe());
        assertEquals(200, r.first("request_end").status());
        assertInjected(http, r, 3);
    }

    private static void retry(ClassicScenarioChecks checks) {
        RequestSignals first = checks.scenario("retry-first");
        assertNames(first, List.of("request_start"), create(), exchange(), List.of("request_end"));
        // the reactor sees the server close the idle pooled connection: the next request opens a new one
        RequestSignals second = checks.scenario("retry-second");
        assertNames(second, List.of("request_start"), create(), exchange(), List.of("request_end"));
        assertTrue(second.first("connection_create_end").connection()
                != first.first("connection_create_end").connection(), second.describe());

        // reset in the middle of the body (an I/O error): the default strategy retries once, then gives up
        RequestSignals reset = checks.scenario("reset");
        List<String> failingHop = List.of("request_headers_sent", "response_headers_received",
                "response_chunk_received", "connection_released");
        assertNames(reset, List.of("request_start"), create(), failingHop, List.of("request_retry"), create(),
                failingHop, List.of("request_exception"));
        assertTrue(reset.first("request_retry").reason().contains("SocketException"), reset.describe());
        for (SignalRecord released : reset.all("connection_released")) {
            assertEquals(Boolean.FALSE, released.keptAlive(), released.toString());
        }
        assertEquals("java.net.SocketException", reset.first("request_exception").errorType());
        String trace = ApacheChildRun.TRACE_HEADER + ": " + reset.id();
        assertEquals(2, resetting.requestHeads().stream().skip(resetHeadsBefore)
                .filter(h -> h.contains("s=async-reset") && h.contains(trace)).count(), "heads carrying " + trace);
    }

    /**
     * 8 threads x 50 requests with at most 2 connections: exactly 2 created, every other request reuses one of
     * them, every wait ends, and each request's signals are its own.
     */
    private static void pool(ApacheChildRun run) {
        List<RequestSignals> pool = run.log.requestsForUrl("pool=async&");
        assertEquals(400, pool.size());
        Map<String, String> idByQuery = http.requests().stream()
                .filter(q -> q.query() != null && q.query().contains("pool=async&"))
                .collect(Collectors.toMap(RecordedRequest::query,
                        q -> String.valueOf(q.header(ApacheChildRun.TRACE_HEADER))));
        int created = 0;
        int queued = 0;
        Set<Long> connections = new HashSet<>();
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
            long connection;
            if (r.has("connection_create_start")) {
                created++;
                expected.addAll(create());
                connection = r.first("connection_create_end").connection();
            } else {
                expected.add("connection_reuseconn");
                connection = r.first("connection_reuseconn").connection();
            }
            expected.addAll(exchange());
            expected.add("request_end");
            assertSignals(r, expected.toArray(new String[0]));
            assertEquals(connection, r.first("connection_released").connection(), r.describe());
            connections.add(connection);
            assertEquals(200, r.first("request_end").status());
        }
        assertEquals(2, created, "connections created by the async pool");
        assertEquals(2, connections.size(), "distinct connections used by the async pool: " + connections);
        assertTrue(queued > 0, "no async request queued");
    }
}
