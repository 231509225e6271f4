package io.httpsignals.it.urlconnection;

import io.httpsignals.it.apps.UrlConnectionScenarios;
import io.httpsignals.it.support.Certificates;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.MisbehavingServer;
import io.httpsignals.it.support.PluginJars;
import io.httpsignals.it.support.Ports;
import io.httpsignals.it.support.RecordedRequest;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import io.httpsignals.it.support.SignalRecord;
import io.httpsignals.it.urlconnection.plugin.TraceIdHeaderProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;
import static io.httpsignals.it.support.ItAssertions.assertSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code HttpURLConnection} / {@code HttpsURLConnection} under client kind {@code jdk-urlconnection}: every scenario
 * of issue 4 runs in one child JVM per JDK (in a fixed order, so which requests reuse a kept-alive connection is
 * known), and each request's signals are compared with the exact expected sequence.
 *
 * <p>Name resolution in the child comes from a hosts file ({@code jdk.net.hosts.file}): {@code signals.test} and
 * {@code localhost} resolve to 127.0.0.1, {@code unknown.test} to nothing, without touching a real resolver.
 * Different host names for the same server are different keep-alive cache keys, which isolates scenarios that leave
 * a connection in an uncertain state.
 */
class UrlConnectionSignalsTest {

    static final String CLIENT = "jdk-urlconnection";

    // the sequences every expectation is made of
    static final String[] NEW_CONNECTION_WITH_DNS = {"connection_create_start", "dns_resolvehost_start",
            "dns_resolvehost_end", "connect_start", "connect_end", "connection_create_end"};
    static final String[] NEW_CONNECTION_TO_IP = {"connection_create_start", "connect_start", "connect_end",
            "connection_create_end"};
    static final String[] REUSED = {"connection_reuseconn"};
    static final String[] SMALL_RESPONSE = {"response_headers_received", "connection_released",
            "response_chunk_received", "request_end"};

    @TempDir
    static Path dir;

    static Http1Server plain;
    static Http1Server plain2;
    static Http1Server tls;
    static MisbehavingServer malformed;
    static MisbehavingServer reset;
    static MisbehavingServer closeAfterFirst;
    static Path hostsFile;
    static Path pluginJar;

    @BeforeAll
    static void startServers() throws IOException {
        plain = Http1Server.start();
        plain2 = Http1Server.start();
        tls = Http1Server.startTls();
        malformed = MisbehavingServer.start(MisbehavingServer.Mode.MALFORMED_STATUS_LINE);
        reset = MisbehavingServer.start(MisbehavingServer.Mode.RESET_MID_BODY);
        closeAfterFirst = MisbehavingServer.start(MisbehavingServer.Mode.CLOSE_AFTER_FIRST_RESPONSE);
        hostsFile = Files.writeString(dir.resolve("hosts"), "127.0.0.1 signals.test\n127.0.0.1 localhost\n");
        pluginJar = PluginJars.build(dir.resolve("trace-id-header.jar"), TraceIdHeaderProvider.class);
    }

    @AfterAll
    static void stopServers() {
        Stream.of(plain, plain2, tls).forEach(Http1Server::close);
        Stream.of(malformed, reset, closeAfterFirst).forEach(MisbehavingServer::close);
    }

    /** The child's scenarios: name, URL, in this order. */
    static List<String> scenarios() {
        String p = "http://signals.test:" + plain.port();
        String t = "://localhost:" + tls.port();
        List<String> args = new ArrayList<>(List.of(
                "get", p + "/hello?s=get",
                "mixed-calls", p + "/hello?s=mixed",
                "read-to-end-unclosed", p + "/hello?s=unclosed",
                "head", p + "/hello?s=head",
                "post-buffered", p + "/upload?s=buffered",
                "post-fixed", p + "/upload?s=fixed",
                "post-chunked", p + "/upload?s=chunked",
                "get", p + "/redirect/302?to=/hello&s=redirect",
                "error-status", p + "/status/404?s=error",
                "no-follow", p + "/redirect/302?s=nofollow",
                "post-expect-continue", p + "/upload?s=expect",
                // each on its own keep-alive cache key: they leave their connection in an uncertain state
                "disconnect-mid-body", "http://127.0.0.1:" + plain2.port() + "/bytes?n=8000000&s=dmb",
                "close-mid-body", "http://127.0.0.1:" + plain2.port() + "/bytes?n=8000000&s=cmb",
                "disconnect-before-response", "http://localhost:" + plain2.port() + "/upload?s=dbr",
                "read-timeout", "http://signals.test:" + plain2.port() + "/slow?ms=1500&s=timeout",
                "get", "https" + t + "/hello?s=tls1",
                "get", "https" + t + "/hello?s=tls2",
                "get", "https://signals.test:" + tls.port() + "/hello?s=tlsbad",
                "get", "http://unknown.test:" + plain.port() + "/hello?s=unknown",
                "get", "http://127.0.0.1:" + Ports.refused() + "/hello?s=refused",
                "get", "http://127.0.0.1:" + malformed.port() + "/?s=malformed",
                "get", "http://127.0.0.1:" + reset.port() + "/?s=reset",
                "get", "http://127.0.0.1:" + closeAfterFirst.port() + "/?s=caf1",
                "pause", "http://pause/?300",
                "get", "http://127.0.0.1:" + closeAfterFirst.port() + "/?s=caf2"));
        return args;
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void everyScenarioEmitsItsExactSignals(Jdks.Jdk jdk) {
        Path log = dir.resolve("signals-" + jdk.name() + ".jsonl");
        Map<String, String> agent = new LinkedHashMap<>();
        agent.put("plugins", pluginJar.toString());
        agent.put("listeners", "trace-id-header,log");
        agent.put("log.file", log.toString());
        agent.put("debug", "true");
        plain.clearRequests();
        ChildResult result = ChildJvm.on(jdk)
                .withAgent(agent)
                .jvmArg(Certificates.get().trustStoreJvmArgs().toArray(new String[0]))
                .systemProperty("jdk.net.hosts.file", hostsFile.toString())
                .mainClass(UrlConnectionScenarios.class)
                .args(scenarios())
                .timeout(Duration.ofSeconds(60))
                .run();
        assertExitedNormally(result);
        assertOnlyKnownStderr(result);
        assertAllHooksInstalled(result);
        List<String> out = result.stdoutLines();
        for (String expected : List.of("get ok 200", "mixed-calls ok 200", "head ok 200", "post-fixed ok 200",
                "error-status ok 404", "no-follow ok 302", "disconnect-mid-body ok 200", "close-mid-body ok 200",
                "post-expect-continue ok 200")) {
            assertTrue(out.contains(expected), expected + " missing:\n" + result.describe());
        }

        SignalLog signals = SignalLog.read(log);
        SignalGrammar.assertValid(signals);
        signals.assertCommonFields();
        assertTrue(signals.requests().stream().allMatch(r -> CLIENT.equals(r.client())), signals.dump());
        assertEquals(24, signals.requests().size(), "one request per scenario that connects:\n" + signals.dump());

        // -- plain HTTP, one server, sequential: the first request opens the connection, the next ones reuse it
        RequestSignals get = expect(signals, "s=get", seq(NEW_CONNECTION_WITH_DNS, "request_headers_sent",
                SMALL_RESPONSE));
        long connection = get.first("connection_create_end").connection();
        assertEquals(List.of("127.0.0.1"), get.first("dns_resolvehost_end").addresses());
        assertEquals("signals.test", get.first("dns_resolvehost_start").host());
        assertEquals("127.0.0.1:" + plain.port(), get.first("connect_start").address());
        assertEquals("HTTP/1.1", get.first("connection_create_end").protocol());
        assertEquals(200, get.first("response_headers_received").status());
        assertEquals(Boolean.TRUE, get.first("connection_released").keptAlive());
        assertEquals(200, get.first("request_end").status());
        assertEquals(5L, get.first("request_end").bytesReceived());
        assertEquals("GET", get.method());

        RequestSignals mixed = expect(signals, "s=mixed", seq(REUSED, "request_headers_sent", SMALL_RESPONSE));
        assertEquals(connection, mixed.first("connection_reuseconn").connection());
        assertEquals("127.0.0.1:" + plain.port(), mixed.first("connection_reuseconn").address());

        // byte-by-byte: the JDK returns the connection to the cache while the last byte is read
        expect(signals, "s=unclosed", seq(REUSED, "request_headers_sent", "response_headers_received",
                "response_chunk_received", "response_chunk_received", "response_chunk_received",
                "response_chunk_received", "connection_released", "response_chunk_received", "request_end"));

        expect(signals, "s=head", seq(REUSED, "request_headers_sent", "response_headers_received",
                "connection_released", "request_end"));

        RequestSignals buffered = expect(signals, "s=buffered", seq(REUSED, "request_headers_sent",
                "request_chunk_sent", SMALL_RESPONSE));
        assertEquals(1000L, buffered.first("request_chunk_sent").bytes());
        assertEquals(1000L, buffered.first("request_end").bytesSent());
        assertEquals("POST", buffered.method());
        assertEquals(List.of("1000"), buffered.first("request_headers_sent").header("Content-Length"));

        RequestSignals fixed = expect(signals, "s=fixed", seq(REUSED, "request_headers_sent",
                "request_chunk_sent", "request_chunk_sent", SMALL_RESPONSE));
        assertEquals(List.of(600L, 400L), bytes(fixed.all("request_chunk_sent")));

        RequestSignals chunked = expect(signals, "s=chunked", seq(REUSED, "request_headers_sent",
                "request_chunk_sent", "request_chunk_sent", "request_chunk_sent", SMALL_RESPONSE));
        assertEquals(List.of(300L, 1L, 300L), bytes(chunked.all("request_chunk_sent")));
        assertEquals(List.of("chunked"), chunked.first("request_headers_sent").header("Transfer-Encoding"));

        // the JDK closes the connection of a redirect and opens a new one for the next hop
        RequestSignals redirect = expect(signals, "s=redirect", seq(REUSED, "request_headers_sent",
                "response_headers_received", "connection_released", "request_redirect",
                NEW_CONNECTION_WITH_DNS, "request_headers_sent", SMALL_RESPONSE));
        assertEquals(302, redirect.first("response_headers_received").status());
        assertEquals(Boolean.FALSE, redirect.first("connection_released").keptAlive());
        assertEquals(302, redirect.first("request_redirect").status());
        assertEquals("http://signals.test:" + plain.port() + "/hello", redirect.first("request_redirect").location());
        assertEquals(200, redirect.first("request_end").status());
        String redirectTrace = Long.toString(redirect.id());
        assertEquals(2, plain.requests().stream()
                .filter(r -> redirectTrace.equals(r.header(TraceIdHeaderProvider.HEADER))).count(),
                "the injected header is sent on both hops");

        RequestSignals error = expect(signals, "s=error", seq(REUSED, "request_headers_sent", SMALL_RESPONSE));
        assertEquals(404, error.first("request_end").status());
        assertFalse(error.last().hasError());

        RequestSignals noFollow = expect(signals, "s=nofollow", seq(REUSED, "request_headers_sent",
                SMALL_RESPONSE));
        assertEquals(302, noFollow.first("request_end").status());

        RequestSignals expect = expect(signals, "s=expect", seq(REUSED, "request_headers_sent",
                "response_headers_received", "request_chunk_sent", SMALL_RESPONSE));
        assertEquals(List.of(100, 200), expect.all("response_headers_received").stream()
                .map(SignalRecord::status).collect(Collectors.toList()));

        // -- connections left in a state the JDK decides later, each on its own cache key
        RequestSignals midBody = expect(signals, "s=dmb", seq(NEW_CONNECTION_TO_IP, "request_headers_sent",
                "response_headers_received", "response_chunk_received", "connection_released", "request_end"));
        assertEquals(1L, midBody.first("response_chunk_received").bytes());
        assertEquals(Boolean.FALSE, midBody.first("connection_released").keptAlive());

        // too much body left to drain: the JDK closes the connection when the stream is closed
        RequestSignals closedMidBody = expect(signals, "s=cmb", seq(NEW_CONNECTION_TO_IP, "request_headers_sent",
                "response_headers_received", "response_chunk_received", "connection_released", "request_end"));
        assertEquals(Boolean.FALSE, closedMidBody.first("connection_released").keptAlive());
        assertNotEquals(midBody.first("connection_create_end").connection(),
                closedMidBody.first("connection_create_end").connection());

        RequestSignals beforeResponse = expect(signals, "s=dbr", seq(NEW_CONNECTION_WITH_DNS,
                "request_headers_sent", "request_chunk_sent", "connection_released", "request_exception"));
        assertEquals("localhost", beforeResponse.first("dns_resolvehost_start").host());

        // the JDK closes the connection on a read timeout
        RequestSignals timeout = expect(signals, "s=timeout", seq(NEW_CONNECTION_WITH_DNS, "request_headers_sent",
                "connection_released", "request_exception"));
        assertEquals("java.net.SocketTimeoutException", timeout.last().errorType());

        // -- HTTPS
        RequestSignals tls1 = expect(signals, "s=tls1", seq(new String[]{"connection_create_start",
                "dns_resolvehost_start", "dns_resolvehost_end", "connect_start", "connect_end",
                "tls_handshake_start", "tls_handshake_end", "connection_create_end"}, "request_headers_sent",
                SMALL_RESPONSE));
        SignalRecord handshake = tls1.first("tls_handshake_end");
        assertEquals("TLSv1.3", handshake.tlsVersion());
        assertTrue(handshake.cipherSuite() != null && handshake.cipherSuite().startsWith("TLS_"), handshake.toString());
        assertFalse(handshake.hasError());
        assertEquals("127.0.0.1:" + tls.port(), tls1.first("connection_create_end").address());

        RequestSignals tls2 = expect(signals, "s=tls2", seq(REUSED, "request_headers_sent", SMALL_RESPONSE));
        assertEquals(tls1.first("connection_create_end").connection(), tls2.first("connection_reuseconn").connection());

        RequestSignals tlsBad = expect(signals, "s=tlsbad", "request_start", "connection_create_start",
                "dns_resolvehost_start", "dns_resolvehost_end", "connect_start", "connect_end",
                "tls_handshake_start", "tls_handshake_end", "connection_create_end", "request_exception");
        assertEquals("javax.net.ssl.SSLHandshakeException", tlsBad.first("tls_handshake_end").errorType());
        assertTrue(tlsBad.first("connection_create_end").hasError());

        // -- transport failures end with request_exception right after the failed phase
        RequestSignals unknown = expect(signals, "s=unknown", "request_start", "connection_create_start",
                "dns_resolvehost_start", "dns_resolvehost_end", "connection_create_end", "request_exception");
        assertEquals("java.net.UnknownHostException", unknown.first("dns_resolvehost_end").errorType());
        assertEquals("java.net.UnknownHostException", unknown.last().errorType());

        RequestSignals refused = expect(signals, "s=refused", seq(new String[]{"connection_create_start",
                "connect_start", "connect_end", "connection_create_end"}, "request_exception"));
        assertEquals("java.net.ConnectException", refused.first("connect_end").errorType());

        expect(signals, "s=malformed", seq(NEW_CONNECTION_TO_IP, "request_headers_sent", "connection_released",
                "request_exception"));

        RequestSignals reset = expect(signals, "s=reset", seq(NEW_CONNECTION_TO_IP, "request_headers_sent",
                "response_headers_received", "response_chunk_received", "request_exception"));
        assertEquals(10L, reset.first("response_chunk_received").bytes());

        // a kept-alive connection the server closed meanwhile: the JDK resends on a new one
        expect(signals, "s=caf1", seq(NEW_CONNECTION_TO_IP, "request_headers_sent", SMALL_RESPONSE));
        RequestSignals stale = expect(signals, "s=caf2", seq(REUSED, "request_headers_sent", "connection_released",
                "request_retry", NEW_CONNECTION_TO_IP, "request_headers_sent", SMALL_RESPONSE));
        assertNotEquals(stale.first("connection_reuseconn").connection(),
                stale.first("connection_create_end").connection());

        // -- header injection at request_start reaches the server, once per request (twice for the redirect)
        for (RecordedRequest received : plain.requests()) {
            assertNotNull(received.header(TraceIdHeaderProvider.HEADER), received.toString());
        }
        RecordedRequest getOnServer = plain.requests().stream().filter(r -> "s=get".equals(r.query()))
                .findFirst().orElseThrow();
        assertEquals(Long.toString(get.id()), getOnServer.header(TraceIdHeaderProvider.HEADER));
        assertEquals(List.of(Long.toString(get.id())),
                get.first("request_headers_sent").header(TraceIdHeaderProvider.HEADER));
    }

    /** With the hooks installed but no listener enabled, the application sees no difference and nothing is written. */
    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void withoutListenersTheHooksStayOutOfTheWay(Jdks.Jdk jdk) throws IOException {
        Path log = dir.resolve("silent-" + jdk.name() + ".jsonl");
        String p = "http://signals.test:" + plain.port();
        ChildResult result = ChildJvm.on(jdk)
                .withAgent(Map.of("log.file", log.toString()))
                .jvmArg(Certificates.get().trustStoreJvmArgs().toArray(new String[0]))
                .systemProperty("jdk.net.hosts.file", hostsFile.toString())
                .mainClass(UrlConnectionScenarios.class)
                .args("get", p + "/hello?s=silent", "post-chunked", p + "/upload?s=silent",
                        "error-status", p + "/status/500?s=silent", "get", "https://localhost:" + tls.port() + "/hello",
                        "get", "http://unknown.test:" + plain.port() + "/")
                .timeout(Duration.ofSeconds(60))
                .run();
        assertExitedNormally(result);
        assertOnlyKnownStderr(result);
        assertEquals(List.of("get ok 200", "post-chunked ok 200", "error-status ok 500", "get ok 200",
                "get failed java.net.UnknownHostException: unknown.test"),
                result.stdoutLines().stream().filter(l -> !l.isBlank()).collect(Collectors.toList()));
        assertFalse(Files.exists(log) && Files.size(log) > 0, "no listener, no signals");
    }

    static RequestSignals expect(SignalLog log, String urlPart, String... expected) {
        RequestSignals r = log.singleRequestForUrl(urlPart);
        assertSignals(r, expected);
        return r;
    }

    /** request_start, then the pieces (strings or arrays of them) in order. */
    static String[] seq(Object... pieces) {
        List<String> out = new ArrayList<>();
        out.add("request_start");
        for (Object piece : pieces) {
            if (piece instanceof String[]) {
                out.addAll(Arrays.asList((String[]) piece));
            } else {
                out.add((String) piece);
            }
        }
        return out.toArray(new String[0]);
    }

    static List<Long> bytes(List<SignalRecord> records) {
        return records.stream().map(SignalRecord::bytes).collect(Collectors.toList());
    }

    /** Every hook of the module reports itself installed (debug=true), none skipped, on this JDK. */
    static void assertAllHooksInstalled(ChildResult result) {
        String http = "sun.net.www.protocol.http.HttpURLConnection";
        List<String> hooks = new ArrayList<>();
        for (String advice : List.of("PlainConnectAdvice", "WriteRequestsAdvice", "FailureEndsRequestAdvice",
                "GetInputStreamAdvice", "FollowRedirectAdvice", "DisconnectAdvice")) {
            hooks.add(advice + " installed in " + http);
        }
        hooks.add("BodyReadAdvice installed in " + http + "$HttpInputStream");
        hooks.add("BodyCloseAdvice installed in " + http + "$HttpInputStream");
        hooks.add("BodyWriteAdvice installed in " + http + "$StreamingOutputStream");
        hooks.add("BodyWriteByteAdvice installed in " + http + "$StreamingOutputStream");
        hooks.add("FailureEndsRequestAdvice installed in "
                + "sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection");
        for (String advice : List.of("HttpClientNewAdvice", "OpenServerAdvice", "HeadWrittenAdvice",
                "ParseHttpAdvice", "CloseServerAdvice")) {
            hooks.add(advice + " installed in sun.net.www.http.HttpClient");
        }
        hooks.add("HttpsClientNewAdvice installed in sun.net.www.protocol.https.HttpsClient");
        hooks.add("TlsHandshakeAdvice installed in sun.net.www.protocol.https.HttpsClient");
        hooks.add("KeptAliveAdvice installed in sun.net.www.http.KeepAliveCache");
        hooks.add("DoConnectAdvice installed in sun.net.NetworkClient");
        hooks.add("ResolveAdvice installed in java.net.InetSocketAddress");
        List<String> missing = hooks.stream()
                .filter(h -> result.stderrLines().stream().noneMatch(l -> l.equals("httpsignals: hook " + h)))
                .collect(Collectors.toList());
        assertTrue(missing.isEmpty(), "hooks not installed: " + missing + "\n" + result.describe());
        assertTrue(result.stderrLines().stream().noneMatch(l -> l.contains("skipped") || l.contains("could not")),
                result.describe());
    }

    /**
     * stderr holds only agent messages, the JVM's note that class data sharing is limited once the agent appends to
     * the boot class path, and (JDK 25) the JVM's warning about the {@code sun.misc.Unsafe} use of the agent's Byte
     * Buddy, which the agent prints with or without these hooks.
     */
    static void assertOnlyKnownStderr(ChildResult result) {
        List<String> unexpected = result.stderrLines().stream()
                .filter(l -> !l.isBlank() && !l.startsWith("httpsignals:")
                        && !l.contains("Sharing is only supported for boot loader classes")
                        && !(l.startsWith("WARNING: ") && (l.contains("sun.misc.Unsafe")
                        || l.contains("io.httpsignals.shaded.net.bytebuddy"))))
                .collect(Collectors.toList());
        assertTrue(unexpected.isEmpty(), "unexpected stderr: " + unexpected + "\n" + result.describe());
    }
}
