package io.httpsignals.it.jdkhttp;

import com.sun.tools.attach.VirtualMachine;
import io.httpsignals.it.apps.JdkHttpAttachApp;
import io.httpsignals.it.apps.JdkHttpScenarios;
import io.httpsignals.it.plugins.HeaderInjectingListenerProvider;
import io.httpsignals.it.support.Certificates;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildProcess;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.ItAssertions;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.JettyServer;
import io.httpsignals.it.support.MisbehavingServer;
import io.httpsignals.it.support.PluginJars;
import io.httpsignals.it.support.Ports;
import io.httpsignals.it.support.RecordedRequest;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import io.httpsignals.it.support.SignalRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static io.httpsignals.it.support.ItAssertions.assertSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java.net.http.HttpClient} with the agent: one child JVM per JDK runs every scenario of
 * {@link JdkHttpScenarios} (with the log listener and a plugin that injects {@code x-test-id: <trace id>}); the
 * tests below check each scenario's exact signals in that shared log.
 */
class JdkHttpClientTest {

    static final String[] SCENARIOS = {"http-localhost", "http-reuse", "https", "https-untrusted", "h2",
        "post-bytes", "post-stream", "post-h2", "chunked-response", "redirects", "unknown-host", "refused", "timeout",
        "cancel", "interrupted", "input-stream", "handler-throws", "concurrent-http1", "concurrent-h2", "stale", "reset", "h2c", "connect-timeout"};

    /** The header the test plugin {@code inject} sets to the request's trace id. */
    static final String TEST_ID = "x-test-id";
    static final String START = "request_start";
    static final String END = "request_end";
    static final String EXCEPTION = "request_exception";
    static final String CREATE_START = "connection_create_start";
    static final String CREATE_END = "connection_create_end";
    static final String DNS_START = "dns_resolvehost_start";
    static final String DNS_END = "dns_resolvehost_end";
    static final String CONNECT_START = "connect_start";
    static final String CONNECT_END = "connect_end";
    static final String TLS_START = "tls_handshake_start";
    static final String TLS_END = "tls_handshake_end";
    static final String REUSE = "connection_reuseconn";
    static final String HEADERS_SENT = "request_headers_sent";
    static final String CHUNK_SENT = "request_chunk_sent";
    static final String RESPONSE = "response_headers_received";
    static final String CHUNK = "response_chunk_received";
    static final String RELEASED = "connection_released";
    static final String REDIRECT = "request_redirect";
    static final String RETRY = "request_retry";

    @TempDir
    static Path dir;
    static Http1Server http;
    static Http1Server https;
    static JettyServer jetty;
    static int refusedPort;
    static MisbehavingServer stale;
    static MisbehavingServer reset;
    static Path plugins;
    static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    record Run(ChildResult result, SignalLog log) {
        RequestSignals request(String scenario) {
            List<RequestSignals> found = log.requests().stream()
                    .filter(r -> r.url() != null && r.url().endsWith("s=" + scenario)).collect(Collectors.toList());
            assertEquals(1, found.size(), "requests for s=" + scenario + "\n" + log.dump());
            return found.get(0);
        }

        List<String> results(String scenario) {
            return result.stdoutLines().stream().filter(l -> l.startsWith("RESULT " + scenario + " "))
                    .map(l -> l.substring(("RESULT " + scenario + " ").length())).collect(Collectors.toList());
        }
    }

    @BeforeAll
    static void start() {
        http = Http1Server.start();
        https = Http1Server.startTls();
        jetty = JettyServer.start();
        refusedPort = Ports.refused();
        stale = MisbehavingServer.start(MisbehavingServer.Mode.CLOSE_AFTER_FIRST_RESPONSE);
        reset = MisbehavingServer.start(MisbehavingServer.Mode.RESET_MID_BODY);
        plugins = PluginJars.build(dir.resolve("plugins.jar"), HeaderInjectingListenerProvider.class, ThrowingListener.class);
    }

    @AfterAll
    static void stop() {
        http.close();
        https.close();
        jetty.close();
        stale.close();
        reset.close();
    }

    static ChildJvm child(Jdks.Jdk jdk, String listeners, Path log) {
        ChildJvm child = ChildJvm.on(jdk).mainClass(JdkHttpScenarios.class)
                .systemProperty("it.http", "http://127.0.0.1:" + http.port())
                .systemProperty("it.https", "https://127.0.0.1:" + https.port())
                .systemProperty("it.h2", "https://127.0.0.1:" + jetty.port())
                .systemProperty("it.refused.port", Integer.toString(refusedPort))
                .systemProperty("it.stale.port", Integer.toString(stale.port()))
                .systemProperty("it.reset.port", Integer.toString(reset.port()))
                .systemProperty("it.h2c.port", Integer.toString(jetty.h2cPort()))
                .systemProperty("it.truststore", Certificates.get().trustStore().toString())
                .systemProperty("it.truststore.password", Certificates.PASSWORD)
                .timeout(Duration.ofSeconds(90));
        if (listeners != null) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("listeners", listeners);
            options.put("log.file", log.toString());
            options.put("plugins", plugins.toString());
            options.put("inject.header", TEST_ID);
            child.withAgent(options);
        }
        return child;
    }

    /** The shared run of all scenarios on {@code jdk} (started by the first test that needs it), checked. */
    static Run run(Jdks.Jdk jdk) {
        Run run = RUNS.computeIfAbsent(jdk.name(), k -> {
            Path log = dir.resolve("signals-" + jdk.feature() + ".jsonl");
            ChildResult r = child(jdk, "log,inject", log).args(SCENARIOS).run();
            return new Run(r, SignalLog.read(log));
        });
        ItAssertions.assertExitedNormally(run.result());
        assertTrue(run.result().stdoutLines().contains("DONE"), run.result().describe());
        assertNoUnexpectedStderr(run.result());
        SignalGrammar.assertValid(run.log());
        return run;
    }

    /**
     * stderr holds only the agent's own lines and the JVM's warnings about the agent (CDS being limited once the
     * bootstrap class path is appended to; on 25, Byte Buddy's use of {@code sun.misc.Unsafe}).
     */
    static void assertNoUnexpectedStderr(ChildResult r) {
        List<String> unexpected = r.stderrLines().stream().filter(l -> !l.isBlank() && !l.startsWith("httpsignals:")
                && !l.startsWith("OpenJDK 64-Bit Server VM warning: Sharing is only supported")
                && !l.startsWith("WARNING: ")).collect(Collectors.toList());
        assertEquals(List.of(), unexpected, r.describe());
    }

    /** The expected list with {@code name*} standing for one or more repeats, taken from the actual count. */
    static String[] expand(RequestSignals r, String... expected) {
        List<String> out = new ArrayList<>();
        List<String> actual = r.names();
        int at = 0;
        for (String e : expected) {
            if (e.endsWith("*")) {
                String name = e.substring(0, e.length() - 1);
                int n = 0;
                while (at + n < actual.size() && actual.get(at + n).equals(name)) {
                    n++;
                }
                for (int i = 0; i < Math.max(n, 1); i++) {
                    out.add(name);
                }
                at += Math.max(n, 1);
            } else {
                out.add(e);
                at++;
            }
        }
        return out.toArray(new String[0]);
    }

    static void assertExactly(RequestSignals r, String... expected) {
        assertSignals(r, expand(r, expected));
    }

    static long sum(RequestSignals r, String signal) {
        return r.all(signal).stream().mapToLong(SignalRecord::bytes).sum();
    }

    // ---------------------------------------------------------------- HTTP/1.1

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void http1ByHostNameResolvesConnectsAndReleases(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals r = run.request("http-localhost");
        assertExactly(r, START, CREATE_START, DNS_START, DNS_END, CONNECT_START, CONNECT_END, CREATE_END,
                HEADERS_SENT, RESPONSE, CHUNK, RELEASED, END);
        assertEquals("localhost", r.first(DNS_END).host());
        assertTrue(r.first(DNS_END).addresses().contains("127.0.0.1"), r.describe());
        assertEquals("127.0.0.1:" + http.port(), r.first(CONNECT_START).address());
        SignalRecord created = r.first(CREATE_END);
        assertEquals("HTTP/1.1", created.protocol());
        assertNotNull(created.connection());
        assertEquals(List.of("localhost:" + http.port()), r.first(HEADERS_SENT).header("Host"));
        assertFalse(r.first(HEADERS_SENT).header("User-Agent").isEmpty(), "client-added User-Agent");
        assertEquals(200, r.first(RESPONSE).status());
        assertEquals("HTTP/1.1", r.first(RESPONSE).protocol());
        assertEquals(5L, r.first(CHUNK).bytes());
        assertEquals(created.connection(), r.first(RELEASED).connection());
        assertEquals(Boolean.TRUE, r.first(RELEASED).keptAlive());
        assertEquals(200, r.first(END).status());
        assertEquals(5L, r.first(END).bytesReceived());
        assertEquals(List.of("200 HTTP_1_1 5"), run.results("http-localhost"));
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void http1ByIpSkipsDnsAndReusesTheConnection(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals first = run.request("http-reuse-1");
        RequestSignals second = run.request("http-reuse-2");
        assertExactly(first, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT, RESPONSE,
                CHUNK, RELEASED, END);
        assertExactly(second, START, REUSE, HEADERS_SENT, RESPONSE, CHUNK, RELEASED, END);
        assertEquals(first.first(CREATE_END).connection(), second.first(REUSE).connection());
        assertEquals("127.0.0.1:" + http.port(), second.first(REUSE).address());
        assertEquals("HTTP/1.1", second.first(REUSE).protocol());
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void requestBodiesOfOneMebibyte(Jdks.Jdk jdk) {
        Run run = run(jdk);
        for (String scenario : List.of("post-bytes", "post-stream")) {
            RequestSignals r = run.request(scenario);
            assertExactly(r, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT, CHUNK_SENT + "*",
                    RESPONSE, CHUNK, RELEASED, END);
            assertEquals(JdkHttpScenarios.MIB, sum(r, CHUNK_SENT), scenario);
            assertEquals(JdkHttpScenarios.MIB, r.first(END).bytesSent(), scenario);
            assertEquals(List.of("200 HTTP_1_1 " + ("{\"bytes\":" + JdkHttpScenarios.MIB + "}").length()),
                    run.results(scenario));
        }
        assertEquals(List.of(Integer.toString(JdkHttpScenarios.MIB)),
                run.request("post-bytes").first(HEADERS_SENT).header("Content-Length"));
        assertEquals(List.of("chunked"), run.request("post-stream").first(HEADERS_SENT).header("Transfer-Encoding"));
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void chunkedResponseOfOneMebibyte(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals r = run.request("chunked-response");
        assertExactly(r, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT, RESPONSE,
                CHUNK + "*", RELEASED, END);
        assertEquals(JdkHttpScenarios.MIB, sum(r, CHUNK));
        assertEquals(JdkHttpScenarios.MIB, r.first(END).bytesReceived());
        assertEquals(List.of("chunked"), r.first(RESPONSE).header("transfer-encoding"));
        assertEquals(List.of("200 " + JdkHttpScenarios.MIB), run.results("chunked-response"));
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void inputStreamBodiesEndWhenReadToTheEndOrClosed(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals read = run.request("input-stream-read");
        assertExactly(read, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT, RESPONSE,
                CHUNK + "*", RELEASED, END);
        assertEquals(100_000L, read.first(END).bytesReceived());
        RequestSignals closed = run.request("input-stream-close");
        assertEquals(START, closed.names().get(0));
        assertEquals(END, closed.last().signal());
        assertEquals(200, closed.first(END).status());
        assertEquals(List.of("read 100000", "first 10"), run.results("input-stream"));
    }

    // ---------------------------------------------------------------- redirects

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void redirectsKeepEveryHopUnderOneRequest(Jdks.Jdk jdk) {
        Run run = run(jdk);
        int n = 0;
        for (String code : List.of("301", "302", "303", "307", "async")) {
            RequestSignals r = run.request("redirect-" + code);
            String[] acquire = n++ == 0
                    ? new String[] {CREATE_START, CONNECT_START, CONNECT_END, CREATE_END} : new String[] {REUSE};
            List<String> expected = new ArrayList<>();
            expected.add(START);
            expected.addAll(Arrays.asList(acquire));
            expected.addAll(List.of(HEADERS_SENT, RESPONSE));
            if (jdk.feature() < 21) {
                // 17 delivers the redirect's body to the subscriber that discards it; 25 drops it unseen
                expected.add(CHUNK);
            }
            expected.addAll(List.of(RELEASED, REDIRECT, REUSE, HEADERS_SENT, RESPONSE, CHUNK, RELEASED, END));
            assertExactly(r, expected.toArray(new String[0]));
            SignalRecord redirect = r.first(REDIRECT);
            assertEquals(code.equals("async") ? 302 : Integer.parseInt(code), redirect.status());
            assertEquals("http://127.0.0.1:" + http.port() + "/echo", redirect.location());
            assertEquals(200, r.first(END).status());
            // the injected header reached the server on both hops
            String id = Long.toString(r.id());
            List<RecordedRequest> hops = http.requests().stream()
                    .filter(q -> id.equals(q.header(TEST_ID))
                            && q.header("user-agent").contains("/" + jdk.feature() + "."))
                    .collect(Collectors.toList());
            assertEquals(2, hops.size(), "hops that carried x-test-id " + id + ": " + hops);
            assertTrue(hops.get(0).path().startsWith("/redirect/"), hops.toString());
            assertEquals("/echo", hops.get(1).path());
            assertEquals(List.of(id), r.first(HEADERS_SENT).header(TEST_ID));
            assertEquals(List.of(id), r.all(HEADERS_SENT).get(1).header(TEST_ID));
        }
    }

    // ---------------------------------------------------------------- TLS and HTTP/2

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void httpsWithATrustedCertificate(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals r = run.request("https");
        assertExactly(r, START, CREATE_START, CONNECT_START, CONNECT_END, TLS_START, TLS_END, CREATE_END,
                HEADERS_SENT, RESPONSE, CHUNK, RELEASED, END);
        SignalRecord tls = r.first(TLS_END);
        assertFalse(tls.hasError(), tls.toString());
        assertTrue(tls.tlsVersion().startsWith("TLSv1."), tls.toString());
        assertNotNull(tls.cipherSuite());
        assertNull(tls.alpn(), "an HTTP/1.1 client offers no ALPN");
        assertEquals("HTTP/1.1", r.first(CREATE_END).protocol());
        assertEquals(List.of("200 HTTP_1_1 5"), run.results("https"));
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void httpsWithAnUntrustedCertificateFails(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals r = run.request("https-untrusted");
        assertExactly(r, START, CREATE_START, CONNECT_START, CONNECT_END, TLS_START, TLS_END, CREATE_END, EXCEPTION);
        assertTrue(r.first(TLS_END).hasError());
        assertTrue(r.first(CREATE_END).hasError());
        assertEquals("javax.net.ssl.SSLHandshakeException", r.first(EXCEPTION).errorType());
        assertEquals(List.of("failed javax.net.ssl.SSLHandshakeException"), run.results("https-untrusted"));
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void http2OverTlsWithAlpnSharesOneConnection(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals first = run.request("h2-1");
        assertExactly(first, START, CREATE_START, CONNECT_START, CONNECT_END, TLS_START, TLS_END, CREATE_END,
                HEADERS_SENT, RESPONSE, CHUNK, RELEASED, END);
        assertEquals("h2", first.first(TLS_END).alpn());
        assertEquals("HTTP/2", first.first(CREATE_END).protocol());
        assertEquals("HTTP/2", first.first(RESPONSE).protocol());
        assertFalse(first.first(HEADERS_SENT).header("user-agent").isEmpty(), "client-added user-agent");
        assertEquals(List.of(Long.toString(first.id())), first.first(HEADERS_SENT).header(TEST_ID));
        long connection = first.first(CREATE_END).connection();
        for (String scenario : List.of("h2-2", "h2-c1", "h2-c2")) {
            RequestSignals r = run.request(scenario);
            assertExactly(r, START, REUSE, HEADERS_SENT, RESPONSE, CHUNK, RELEASED, END);
            assertEquals(connection, r.first(REUSE).connection(), scenario);
            assertEquals("HTTP/2", r.first(REUSE).protocol());
            assertEquals(connection, r.first(RELEASED).connection());
        }
        assertEquals(4, run.results("h2").stream().filter(l -> l.startsWith("200 HTTP_2 ")).count());
        RequestSignals post = run.request("post-h2");
        assertExactly(post, START, CREATE_START, CONNECT_START, CONNECT_END, TLS_START, TLS_END, CREATE_END,
                HEADERS_SENT, CHUNK_SENT + "*", RESPONSE, CHUNK, RELEASED, END);
        assertEquals(JdkHttpScenarios.MIB, sum(post, CHUNK_SENT));
    }

    // ---------------------------------------------------------------- failures

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void unknownHostAndRefusedPortFailAfterTheClientsOneRetry(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals unknown = run.request("unknown-host");
        String[] attempt = {CREATE_START, DNS_START, DNS_END, CONNECT_START, CONNECT_END, CREATE_END};
        List<String> expected = new ArrayList<>(List.of(START));
        expected.addAll(Arrays.asList(attempt));
        expected.add(RETRY);
        expected.addAll(Arrays.asList(attempt));
        expected.add(EXCEPTION);
        assertExactly(unknown, expected.toArray(new String[0]));
        assertEquals("java.net.UnknownHostException", unknown.first(DNS_END).errorType());
        assertEquals("java.net.ConnectException", unknown.first(EXCEPTION).errorType());
        assertEquals(List.of("failed java.net.ConnectException"), run.results("unknown-host"));

        // a refused connect is tried twice by the connection itself, and the whole attempt twice by the client
        RequestSignals refused = run.request("refused");
        assertExactly(refused, START, CREATE_START, CONNECT_START, CONNECT_END, CONNECT_START, CONNECT_END, CREATE_END,
                RETRY, CREATE_START, CONNECT_START, CONNECT_END, CONNECT_START, CONNECT_END, CREATE_END, EXCEPTION);
        // each attempt ends with the connect's own error, also the ones the connection swallows to retry
        for (var connectEnd : refused.all(CONNECT_END)) {
            assertEquals("java.net.ConnectException", connectEnd.errorType(), refused.describe());
        }
        assertEquals("java.net.ConnectException", refused.first(EXCEPTION).errorType());
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void timeoutCancellationAndAThrowingBodyHandler(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals timeout = run.request("timeout");
        assertExactly(timeout, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT, EXCEPTION);
        assertEquals("java.net.http.HttpTimeoutException", timeout.first(EXCEPTION).errorType());
        assertEquals(List.of("failed java.net.http.HttpTimeoutException"), run.results("timeout"));

        RequestSignals cancel = run.request("cancel");
        assertEquals(START, cancel.names().get(0));
        assertEquals(EXCEPTION, cancel.last().signal());
        assertEquals("java.util.concurrent.CancellationException", cancel.last().errorType());
        assertEquals(List.of("failed java.util.concurrent.CancellationException"), run.results("cancel"));

        // send() interrupted while it waits: the request ends with the InterruptedException the application got
        RequestSignals interrupted = run.request("interrupted");
        assertExactly(interrupted, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT,
                EXCEPTION);
        assertEquals("java.lang.InterruptedException", interrupted.first(EXCEPTION).errorType());
        assertEquals(List.of("failed java.lang.InterruptedException"), run.results("interrupted"));

        RequestSignals handler = run.request("handler-throws");
        assertExactly(handler, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT, RESPONSE,
                EXCEPTION);
        assertEquals("java.lang.IllegalStateException", handler.last().errorType());
        assertEquals(List.of("failed java.io.IOException"), run.results("handler-throws"));
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void aConnectionResetMidBodyAndAStalePooledConnection(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals reset = run.request("reset");
        assertExactly(reset, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT, RESPONSE,
                CHUNK, EXCEPTION);
        assertEquals(10L, reset.first(CHUNK).bytes());
        assertEquals(List.of("failed java.io.IOException"), run.results("reset"));

        // the client notices that the server closed the pooled connection and opens a new one (no retry needed)
        RequestSignals first = run.request("stale-1");
        RequestSignals second = run.request("stale-2");
        for (RequestSignals r : List.of(first, second)) {
            assertExactly(r, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT, RESPONSE,
                    CHUNK, RELEASED, END);
        }
        assertNotEquals(first.first(CREATE_END).connection(), second.first(CREATE_END).connection());
        assertEquals(List.of("200 HTTP_1_1 5", "200 HTTP_1_1 5"), run.results("stale"));
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void h2cUpgradesTheFirstRequestAndReusesTheConnection(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals first = run.request("h2c-1");
        assertExactly(first, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT, RESPONSE,
                RESPONSE, CHUNK, RELEASED, END);
        assertEquals(List.of("Upgrade, HTTP2-Settings"), first.first(HEADERS_SENT).header("Connection"));
        assertEquals(101, first.all(RESPONSE).get(0).status());
        assertEquals("HTTP/1.1", first.all(RESPONSE).get(0).protocol());
        assertEquals(200, first.all(RESPONSE).get(1).status());
        assertEquals("HTTP/2", first.all(RESPONSE).get(1).protocol());
        long connection = first.first(CREATE_END).connection();
        assertEquals(connection, first.first(RELEASED).connection());
        RequestSignals second = run.request("h2c-2");
        assertExactly(second, START, REUSE, HEADERS_SENT, RESPONSE, CHUNK, RELEASED, END);
        assertEquals(connection, second.first(REUSE).connection());
        assertEquals("HTTP/2", second.first(REUSE).protocol());
        assertEquals(List.of("200 HTTP_2 5", "200 HTTP_2 5"), run.results("h2c"));
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void connectTimeout(Jdks.Jdk jdk) {
        Run run = run(jdk);
        RequestSignals r = run.request("connect-timeout");
        assertExactly(r, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, EXCEPTION);
        // a full backlog usually makes the connect time out; a loaded kernel may refuse it instead: either way the
        // failing phase and the request report the same error the application got
        String error = r.first(EXCEPTION).errorType();
        assertTrue(Set.of("java.net.http.HttpConnectTimeoutException", "java.net.ConnectException").contains(error),
                error);
        // the failed attempt's own error: the timeout, or the refusal that preceded it on a loaded machine
        assertTrue(r.first(CONNECT_END).hasError(), r.describe());
        assertEquals(List.of("failed " + error), run.results("connect-timeout"));
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void attachedToARunningJvmWhoseClientIsLoaded(Jdks.Jdk jdk) throws Exception {
        Path log = dir.resolve("attach-" + jdk.feature() + ".jsonl");
        Path go = dir.resolve("attach-go-" + jdk.feature());
        ChildResult result;
        try (ChildProcess child = ChildJvm.on(jdk).mainClass(JdkHttpAttachApp.class)
                .args("http://127.0.0.1:" + http.port(), go.toString()).timeout(Duration.ofSeconds(60)).start()) {
            child.awaitStdout("READY", Duration.ofSeconds(30));
            VirtualMachine vm = VirtualMachine.attach(Long.toString(child.pid()));
            try {
                vm.loadAgent(ChildJvm.agentJar().toString(), "listeners=log;log.file=" + log);
            } finally {
                vm.detach();
            }
            Files.createFile(go);
            result = child.waitFor();
        }
        ItAssertions.assertExitedNormally(result);
        assertTrue(result.stdoutLines().contains("DONE"), result.describe());
        assertNoUnexpectedStderr(result);
        SignalLog signals = SignalLog.read(log);
        SignalGrammar.assertValid(signals);
        assertEquals(2, signals.requests().size(), signals.dump());
        // the connection pooled before the agent came is reported as reused, with an id of its own
        RequestSignals pooled = signals.singleRequestForUrl("s=attach-pooled");
        assertExactly(pooled, START, REUSE, HEADERS_SENT, RESPONSE, CHUNK, RELEASED, END);
        RequestSignals fresh = signals.singleRequestForUrl("s=attach-new");
        assertExactly(fresh, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT, RESPONSE,
                CHUNK, RELEASED, END);
        assertNotEquals(pooled.first(REUSE).connection(), fresh.first(CREATE_END).connection());
    }

    // ---------------------------------------------------------------- concurrency and listeners

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void concurrentRequestsKeepTheirOwnSignals(Jdks.Jdk jdk) {
        Run run = run(jdk);
        for (String scenario : List.of("concurrent-http1", "concurrent-h2")) {
            List<String> echoes = run.result().stdoutLines().stream().filter(l -> l.startsWith("ECHO " + scenario + " "))
                    .collect(Collectors.toList());
            int n = scenario.equals("concurrent-http1") ? 200 : 50;
            assertEquals(n, echoes.size(), scenario + "\n" + run.result().describe());
            for (String echo : echoes) {
                String[] parts = echo.split(" ");
                int i = Integer.parseInt(parts[2]);
                assertEquals("200", parts[3], echo);
                long traceId = Long.parseLong(parts[4]);
                RequestSignals r = run.log().request(traceId);
                assertTrue(r.url().endsWith("s=" + scenario + "&i=" + i), "trace " + traceId + " is " + r.url());
                assertEquals(List.of(parts[4]), r.first(HEADERS_SENT).header(TEST_ID));
                assertEquals(List.of(parts[4]), r.first(RESPONSE).header(TEST_ID));
                if (r.has(REUSE)) {
                    assertExactly(r, START, REUSE, HEADERS_SENT, RESPONSE, CHUNK + "*", RELEASED, END);
                } else if (r.has(TLS_START)) {
                    assertExactly(r, START, CREATE_START, CONNECT_START, CONNECT_END, TLS_START, TLS_END, CREATE_END,
                            HEADERS_SENT, RESPONSE, CHUNK + "*", RELEASED, END);
                } else {
                    assertExactly(r, START, CREATE_START, CONNECT_START, CONNECT_END, CREATE_END, HEADERS_SENT,
                            RESPONSE, CHUNK + "*", RELEASED, END);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void aListenerThatThrowsChangesNoResponse(Jdks.Jdk jdk) {
        ChildResult plain = child(jdk, null, null).args("plain").run();
        Path log = dir.resolve("thrower-" + jdk.feature() + ".jsonl");
        ChildResult thrown = child(jdk, "log,thrower", log).args("plain").run();
        ItAssertions.assertExitedNormally(plain);
        ItAssertions.assertExitedNormally(thrown);
        List<String> expected = plain.stdoutLines().stream().filter(l -> l.startsWith("RESULT ")).collect(Collectors.toList());
        assertEquals(4, expected.size(), plain.describe());
        assertEquals(expected, thrown.stdoutLines().stream().filter(l -> l.startsWith("RESULT ")).collect(Collectors.toList()));
        assertNoUnexpectedStderr(thrown);
        SignalLog signals = SignalLog.read(log);
        SignalGrammar.assertValid(signals);
        assertEquals(4, signals.requests().size(), signals.dump());
        for (RequestSignals r : signals.requests()) {
            assertEquals(END, r.last().signal(), r.describe());
            assertNotEquals(0, r.count(RESPONSE), r.describe());
        }
    }
}
