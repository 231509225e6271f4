package io.httpsignals.it.apache;

import io.httpsignals.it.support.RecordedRequest;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import io.httpsignals.it.support.SignalRecord;
import io.httpsignals.it.support.TestServer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.httpsignals.it.support.ItAssertions.assertSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks shared by the blocking Apache clients (5.x classic, 4.5): the scenario programs run the same requests,
 * tagged {@code s=<scenario>} or {@code pool=<policy>} in the query, and the signals differ only where a version
 * lacks a hook ({@link #connectSignals}: socket connect and TLS handshake of a new connection).
 */
final class ClassicScenarioChecks {

    private final SignalLog log;
    private final String client;
    private final boolean connectSignals;
    private final String scenarioPrefix;

    ClassicScenarioChecks(SignalLog log, String client, boolean connectSignals) {
        this(log, client, connectSignals, "");
    }

    /** {@code scenarioPrefix}: what the app puts before each scenario name in its {@code s=} query parameter. */
    ClassicScenarioChecks(SignalLog log, String client, boolean connectSignals, String scenarioPrefix) {
        this.log = log;
        this.client = client;
        this.connectSignals = connectSignals;
        this.scenarioPrefix = scenarioPrefix;
    }

    void grammarAndClient() {
        SignalGrammar.assertValid(log);
        for (RequestSignals r : log.requests()) {
            assertEquals(client, r.client(), r.describe());
        }
    }

    RequestSignals scenario(String name) {
        return log.singleRequestForUrl("s=" + scenarioPrefix + name);
    }

    /** The signals of a new connection to {@code 127.0.0.1}, or with DNS and TLS. */
    List<String> create(boolean dns, boolean tls) {
        List<String> s = new ArrayList<>(List.of("connection_create_start"));
        if (dns) {
            s.addAll(List.of("dns_resolvehost_start", "dns_resolvehost_end"));
        }
        if (connectSignals) {
            s.addAll(List.of("connect_start", "connect_end"));
            if (tls) {
                s.addAll(List.of("tls_handshake_start", "tls_handshake_end"));
            }
        }
        s.add("connection_create_end");
        return s;
    }

    static List<String> exchange() {
        return List.of("request_headers_sent", "response_headers_received", "response_chunk_received",
                "connection_released");
    }

    static void assertNames(RequestSignals r, List<?>... parts) {
        List<String> expected = new ArrayList<>();
        for (List<?> part : parts) {
            for (Object o : part) {
                expected.add((String) o);
            }
        }
        assertSignals(r, expected.toArray(new String[0]));
    }

    /** The server got the trace header with this request's id on every hop it made. */
    static void assertInjected(TestServer server, RequestSignals r, int hops) {
        String id = Long.toString(r.id());
        List<RecordedRequest> seen = server.requests().stream()
                .filter(q -> id.equals(q.header(ApacheChildRun.TRACE_HEADER))).collect(Collectors.toList());
        assertEquals(hops, seen.size(), "requests carrying " + ApacheChildRun.TRACE_HEADER + ": " + id
                + " for " + r.describe());
    }

    void http(TestServer server) {
        RequestSignals get = scenario("http-get");
        assertNames(get, List.of("request_start"), create(false, false), exchange(), List.of("request_end"));
        long connection = get.first("connection_create_end").connection();
        assertEquals("127.0.0.1:" + server.port(), get.first("connection_create_end").address());
        assertEquals(200, get.first("response_headers_received").status());
        assertEquals(5L, get.first("response_chunk_received").bytes());
        assertEquals(connection, get.first("connection_released").connection());
        assertEquals(Boolean.TRUE, get.first("connection_released").keptAlive());
        assertEquals(200, get.first("request_end").status());
        assertEquals("HTTP/1.1", get.first("response_headers_received").protocol());
        assertInjected(server, get, 1);
        assertTrue(get.first("request_headers_sent").headers().containsKey(ApacheChildRun.TRACE_HEADER),
                get.first("request_headers_sent").toString());
        if (connectSignals) {
            assertEquals("127.0.0.1:" + server.port(), get.first("connect_start").address());
            assertFalse(get.first("connect_end").hasError());
        }

        RequestSignals post = scenario("http-post");
        assertNames(post, List.of("request_start", "connection_reuseconn", "request_headers_sent",
                "request_chunk_sent", "response_headers_received", "response_chunk_received", "connection_released",
                "request_end"));
        assertEquals(connection, post.first("connection_reuseconn").connection());
        assertEquals(9L, post.first("request_chunk_sent").bytes());
        assertEquals(9L, post.first("request_end").bytesSent());
        assertInjected(server, post, 1);
    }

    /** {@code HttpClients.createMinimal()}: the same signals as the full client for what it does. */
    void minimal(TestServer server) {
        RequestSignals get = scenario("minimal-get");
        assertNames(get, List.of("request_start"), create(false, false), exchange(), List.of("request_end"));
        long connection = get.first("connection_create_end").connection();
        assertEquals(connection, get.first("connection_released").connection());
        assertEquals(200, get.first("request_end").status());
        assertInjected(server, get, 1);
        RequestSignals post = scenario("minimal-post");
        assertNames(post, List.of("request_start", "connection_reuseconn", "request_headers_sent",
                "request_chunk_sent", "response_headers_received", "response_chunk_received", "connection_released",
                "request_end"));
        assertEquals(connection, post.first("connection_reuseconn").connection());
        assertEquals(9L, post.first("request_chunk_sent").bytes());
        assertInjected(server, post, 1);
    }

    void https(TestServer server) {
        RequestSignals r = scenario("https");
        assertNames(r, List.of("request_start"), create(true, true), exchange(), List.of("request_end"));
        assertEquals("localhost", r.first("dns_resolvehost_start").host());
        assertTrue(r.first("dns_resolvehost_end").addresses().contains("127.0.0.1"),
                r.first("dns_resolvehost_end").toString());
        if (connectSignals) {
            SignalRecord tls = r.first("tls_handshake_end");
            assertFalse(tls.hasError(), tls.toString());
            assertTrue(tls.tlsVersion().startsWith("TLSv1."), tls.toString());
            assertNotNull(tls.cipherSuite(), tls.toString());
        }
        assertEquals(200, r.first("request_end").status());
        assertInjected(server, r, 1);
    }

    void redirect(TestServer server) {
        RequestSignals r = scenario("redirect");
        List<String> followingHop = List.of("request_redirect", "connection_reuseconn");
        assertNames(r, List.of("request_start"), create(false, false), exchange(), followingHop, exchange(),
                followingHop, exchange(), List.of("request_end"));
        List<SignalRecord> redirects = r.all("request_redirect");
        assertEquals(302, redirects.get(0).status());
        assertTrue(redirects.get(0).location().endsWith("/redirect-chain/1"), redirects.get(0).toString());
        assertTrue(redirects.get(1).location().endsWith("/hello"), redirects.get(1).toString());
        assertEquals(List.of(302, 302, 200), r.all("response_headers_received").stream().map(SignalRecord::status)
                .collect(Collectors.toList()));
        assertEquals(200, r.first("request_end").status());
        assertInjected(server, r, 3);
    }

    void refused() {
        RequestSignals r = scenario("refused");
        List<String> expected = new ArrayList<>(List.of("request_start", "connection_create_start"));
        if (connectSignals) {
            expected.addAll(List.of("connect_start", "connect_end"));
        }
        expected.addAll(List.of("connection_create_end", "request_exception"));
        assertSignals(r, expected.toArray(new String[0]));
        assertTrue(r.first("connection_create_end").hasError());
        if (connectSignals) {
            assertTrue(r.first("connect_end").hasError());
        }
        assertTrue(r.first("request_exception").errorType().endsWith("HttpHostConnectException"),
                r.first("request_exception").toString());
    }

    void unknownHost() {
        RequestSignals r = scenario("unknown-host");
        assertSignals(r, "request_start", "connection_create_start", "dns_resolvehost_start", "dns_resolvehost_end",
                "connection_create_end", "request_exception");
        assertEquals("no-such-host.invalid", r.first("dns_resolvehost_start").host());
        assertEquals("java.net.UnknownHostException", r.first("dns_resolvehost_end").errorType());
        assertEquals("java.net.UnknownHostException", r.first("request_exception").errorType());
    }

    /**
     * A custom {@code DnsResolver}: the lookup is observed where the client calls its resolver; its result only
     * where the agent hooks the resolver's method ({@code addressesKnown}: 5.x {@code resolve(host, port)}).
     */
    void customDns(boolean addressesKnown) {
        RequestSignals r = scenario("custom-dns");
        assertNames(r, List.of("request_start"), create(true, false), exchange(), List.of("request_end"));
        assertEquals("custom-dns.test", r.first("dns_resolvehost_start").host());
        assertFalse(r.first("dns_resolvehost_end").hasError(), r.first("dns_resolvehost_end").toString());
        assertEquals(addressesKnown ? List.of("127.0.0.1") : null, r.first("dns_resolvehost_end").addresses(),
                r.first("dns_resolvehost_end").toString());
    }

    void leaseTimeout(String timeoutException) {
        RequestSignals holder = scenario("lease-holder");
        assertNames(holder, List.of("request_start"), create(false, false), exchange(), List.of("request_end"));
        RequestSignals r = scenario("lease-timeout");
        assertSignals(r, "request_start", "connection_queued_start", "connection_queued_end", "request_exception");
        SignalRecord queued = r.first("connection_queued_start");
        assertEquals(1, queued.leased(), queued.toString());
        assertEquals(0, queued.pending(), queued.toString());
        assertEquals(1, queued.max(), queued.toString());
        assertTrue(r.first("connection_queued_end").hasError());
        assertEquals(timeoutException, r.first("request_exception").errorType());
    }

    void retry() {
        RequestSignals first = scenario("retry-first");
        assertNames(first, List.of("request_start"), create(false, false), exchange(), List.of("request_end"));
        RequestSignals r = scenario("retry-second");
        assertNames(r, List.of("request_start", "connection_reuseconn", "request_headers_sent", "connection_released",
                "request_retry"), create(false, false), exchange(), List.of("request_end"));
        assertEquals(Boolean.FALSE, r.first("connection_released").keptAlive());
        assertTrue(r.first("request_retry").reason().contains("NoHttpResponseException"),
                r.first("request_retry").toString());
        assertEquals(200, r.first("request_end").status());
    }

    /**
     * 8 threads x 50 requests with at most 2 connections: exactly 2 created, every other request reuses one,
     * every wait ends, the figures name the limit, and each request's signals are its own (the server saw each
     * query with the trace id the log shows for it).
     */
    void pool(TestServer server, String tag) {
        List<RequestSignals> requests = log.requestsForUrl("pool=" + tag + "&");
        assertEquals(400, requests.size());
        Map<String, String> idByQuery = server.requests().stream()
                .filter(q -> q.query() != null && q.query().contains("pool=" + tag + "&"))
                .collect(Collectors.toMap(RecordedRequest::query,
                        q -> String.valueOf(q.header(ApacheChildRun.TRACE_HEADER))));
        assertEquals(400, idByQuery.size());
        int created = 0;
        int queued = 0;
        for (RequestSignals r : requests) {
            String query = r.url().substring(r.url().indexOf('?') + 1);
            assertEquals(Long.toString(r.id()), idByQuery.get(query), "trace header for " + query);
            List<String> names = r.names();
            List<String> expected = new ArrayList<>(List.of("request_start"));
            if (names.contains("connection_queued_start")) {
                queued++;
                expected.addAll(List.of("connection_queued_start", "connection_queued_end"));
                SignalRecord q = r.first("connection_queued_start");
                assertEquals(2, q.max(), q.toString());
                if (tag.equals("lax") || tag.equals("offlock")) {
                    // these pools read their counters without a lock: a hand-over may be in flight
                    assertTrue(q.leased() >= 0 && q.leased() <= 2, q.toString());
                } else {
                    assertEquals(2, q.leased(), q.toString());
                }
                assertTrue(q.pending() >= 0 && q.pending() < 8, q.toString());
                assertFalse(r.first("connection_queued_end").hasError(), r.describe());
            }
            if (names.contains("connection_create_start")) {
                created++;
                expected.addAll(create(false, false));
            } else {
                expected.add("connection_reuseconn");
            }
            expected.addAll(exchange());
            expected.add("request_end");
            assertSignals(r, expected.toArray(new String[0]));
            assertEquals(200, r.first("request_end").status());
        }
        assertEquals(2, created, "connections created by the " + tag + " pool");
        assertTrue(queued > 0, "no request queued in the " + tag + " pool");
        long connections = requests.stream().map(r -> r.findFirst("connection_reuseconn")
                        .orElseGet(() -> r.first("connection_create_end")).connection())
                .distinct().count();
        assertEquals(2, connections, "distinct connections used by the " + tag + " pool");
    }

    /** The agent's stderr lines are exactly the skipped-hook reports expected for this version. */
    static void assertAgentLines(String stderr, String... expectedSkippedHooks) {
        List<String> agentLines = Arrays.stream(stderr.split("\\R")).filter(l -> l.startsWith("httpsignals:"))
                .collect(Collectors.toList());
        assertEquals(expectedSkippedHooks.length, agentLines.size(), String.join("\n", agentLines));
        for (String hook : expectedSkippedHooks) {
            assertTrue(agentLines.stream().anyMatch(l -> l.contains("hook " + hook + " skipped")),
                    hook + " not reported as skipped:\n" + String.join("\n", agentLines));
        }
    }
}
