package io.httpsignals.it.foundation;

import io.httpsignals.it.apps.FoundationApp;
import io.httpsignals.it.plugins.HeaderInjectingListenerProvider;
import io.httpsignals.it.plugins.RecursiveListenerProvider;
import io.httpsignals.it.plugins.ThrowingListenerProvider;
import io.httpsignals.it.support.AgentMessages;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.PluginJars;
import io.httpsignals.it.support.Ports;
import io.httpsignals.it.support.RecordedRequest;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;
import static io.httpsignals.it.support.ItAssertions.assertSignalsInclude;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton end to end: premain, the nested jars, Byte Buddy advice in java.net.http, the bus, the log
 * listener and plugin listeners, in a child JVM against a real server. Phase signals are checked by the client
 * tests; here only the order of the signals the foundation owns (start first, terminal last) is asserted exactly.
 */
class FoundationIT {

    @TempDir
    Path dir;

    private static Map<String, String> options(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static void assertLifecycle(RequestSignals r, String terminal) {
        List<String> names = r.names();
        assertEquals("request_start", names.get(0), r.describe());
        assertEquals(terminal, names.get(names.size() - 1), r.describe());
        assertEquals(1, names.stream().filter(n -> n.equals("request_end") || n.equals("request_exception")).count(),
                r.describe());
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void syncAsyncAndFailedRequestsEmitStartAndOneTerminal(Jdks.Jdk jdk) throws Exception {
        Path log = dir.resolve("signals.jsonl");
        try (Http1Server server = Http1Server.start()) {
            String refused = "http://127.0.0.1:" + Ports.refused() + "/nothing";
            ChildResult result = ChildJvm.on(jdk)
                    .withAgent(options("listeners", "log", "log.file", log.toString()))
                    .mainClass(FoundationApp.class)
                    .args("sync", server.uri("/hello").toString(), "async", server.uri("/echo").toString(), "3",
                            "refused", refused, "sync", server.uri("/status/404").toString())
                    .run();
            assertExitedNormally(result);
            assertEquals(List.of("sync 200 5", "async 3/3", "refused java.net.ConnectException", "sync 404 10"),
                    result.stdoutLines());

            SignalLog signals = SignalLog.read(log);
            signals.assertCommonFields();
            assertEquals(6, signals.requests().size(), signals.dump());
            RequestSignals hello = signals.singleRequestForUrl("/hello");
            assertLifecycle(hello, "request_end");
            assertEquals("jdk-httpclient", hello.client());
            assertEquals("GET", hello.method());
            assertEquals(200, hello.last().status());
            assertLifecycle(signals.singleRequestForUrl("/status/404"), "request_end");
            assertEquals(404, signals.singleRequestForUrl("/status/404").last().status());
            RequestSignals failed = signals.singleRequestForUrl("/nothing");
            assertLifecycle(failed, "request_exception");
            assertEquals("java.net.ConnectException", failed.last().errorType());
            for (int k = 0; k < 3; k++) {
                assertLifecycle(signals.singleRequestForUrl("/echo?i=" + k), "request_end");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void fiftyAsyncRequestsInFlightKeepTheirOwnSignals(Jdks.Jdk jdk) throws Exception {
        Path log = dir.resolve("signals.jsonl");
        Path plugin = PluginJars.build(dir.resolve("inject.jar"), HeaderInjectingListenerProvider.class);
        try (Http1Server server = Http1Server.start()) {
            ChildResult result = ChildJvm.on(jdk)
                    .withAgent(options("plugins", plugin.toString(), "listeners", "inject,log",
                            "log.file", log.toString()))
                    .mainClass(FoundationApp.class)
                    .args("async", server.uri("/slow").toString(), "50")
                    .run();
            assertExitedNormally(result);
            assertEquals(List.of("async 50/50"), result.stdoutLines());

            SignalLog signals = SignalLog.read(log);
            assertEquals(50, signals.requests().size(), signals.dump());
            // the header injected at request_start arrived at the server with the request whose URL the trace names
            Map<String, String> traceOfQuery = server.requests().stream().collect(Collectors.toMap(
                    RecordedRequest::query, r -> r.header(HeaderInjectingListenerProvider.DEFAULT_HEADER)));
            for (RequestSignals r : signals.requests()) {
                assertLifecycle(r, "request_end");
                String query = r.url().substring(r.url().indexOf('?') + 1);
                assertEquals(Long.toString(r.id()), traceOfQuery.get(query), r.describe());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void throwingAndRecursiveListenersLeaveTheApplicationUnchanged(Jdks.Jdk jdk) throws Exception {
        Path log = dir.resolve("signals.jsonl");
        Path throwing = PluginJars.build(dir.resolve("throwing.jar"), ThrowingListenerProvider.class);
        Path recursive = PluginJars.build(dir.resolve("recursive.jar"), RecursiveListenerProvider.class);
        try (Http1Server server = Http1Server.start()) {
            String[] appArgs = {"sync", server.uri("/hello").toString(), "async", server.uri("/echo").toString(), "5",
                    "sync", server.uri("/status/500").toString()};
            ChildResult plain = ChildJvm.on(jdk).mainClass(FoundationApp.class).args(appArgs).run();
            ChildResult instrumented = ChildJvm.on(jdk)
                    .withAgent(options("plugins", throwing + "," + recursive,
                            "listeners", "throwing,recursive,log", "log.file", log.toString(),
                            "recursive.url", server.uri("/recursive").toString()))
                    .mainClass(FoundationApp.class).args(appArgs).run();
            assertExitedNormally(plain);
            assertExitedNormally(instrumented);
            assertEquals(plain.stdout(), instrumented.stdout());

            List<String> reports = instrumented.stderrLines().stream()
                    .filter(l -> l.startsWith("httpsignals: listener 'throwing' threw")).toList();
            assertEquals(1, reports.size(), "stderr:\n" + instrumented.stderr());

            SignalLog signals = SignalLog.read(log);
            assertEquals(7, signals.requests().size(), signals.dump());
            assertTrue(signals.requestsForUrl("/recursive").isEmpty(), "the listener's own requests emit nothing");
            assertEquals(7, server.requestsTo("/recursive").size(), "the listener's own requests did happen");
            for (RequestSignals r : signals.requests()) {
                assertSignalsInclude(r, "request_start", "request_end");
            }
            // the listener's own request inside request_start must not cost the outer request its phases
            SignalGrammar.assertValid(signals, false);
            assertTrue(signals.singleRequestForUrl("/hello").has("response_headers_received"), signals.dump());
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void agentInternalsAreInvisibleAndBadSettingsAreOneLineEach(Jdks.Jdk jdk) throws Exception {
        try (Http1Server server = Http1Server.start()) {
            ChildResult result = ChildJvm.on(jdk)
                    .withAgent(options("listeners", "log,nosuch", "colour", "blue", "log.flie", "x"))
                    .mainClass(FoundationApp.class)
                    .args("isolation", "sync", server.uri("/hello").toString())
                    .run();
            assertExitedNormally(result);
            assertEquals(List.of(
                    "visible io.httpsignals.agent.AgentStarter false",
                    "visible io.httpsignals.shaded.net.bytebuddy.ByteBuddy false",
                    "visible io.httpsignals.api.HttpSignalListener true",
                    "bytebuddy byte-buddy-1.17.8.jar",
                    "sync 200 5"), result.stdoutLines());
            List<String> agentLines = AgentMessages.problems(result);
            assertEquals(3, agentLines.size(), result.stderr());
            assertTrue(agentLines.stream().anyMatch(l -> l.contains("unknown listener 'nosuch'")
                    && l.contains("available: ") && l.contains(" log")), result.stderr());
            assertTrue(agentLines.stream().anyMatch(l -> l.contains("httpsignals.colour")), result.stderr());
            assertTrue(agentLines.stream().anyMatch(l -> l.contains("httpsignals.log.flie")
                    && l.contains("accepts: file")), result.stderr());
            // the log listener, writing to stderr, still works
            assertFalse(result.stderrLines().stream().noneMatch(l -> l.contains("\"signal\":\"request_end\"")),
                    result.stderr());
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void demoCommandPrintsRealSignals(Jdks.Jdk jdk) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(jdk.javaExecutable().toString(), "-jar",
                ChildJvm.agentJar().toString(), "demo").redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("demo: GET /hello -> 200"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("\"signal\":\"request_start\"") && l.contains("/hello")), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("\"signal\":\"request_exception\"") && l.contains("refused")),
                out);
    }
}
