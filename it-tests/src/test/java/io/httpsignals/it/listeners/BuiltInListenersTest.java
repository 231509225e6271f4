package io.httpsignals.it.listeners;

import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.Ports;
import io.httpsignals.it.support.SignalLog;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * console, summary (table and MBean), jfr and log together in one child JVM making real requests: 3 x 200, a 404,
 * a 503 and a refused connection. Figures are asserted where the signals behind them exist on this branch (request
 * start/end/exception of the JDK HttpClient); phase figures are checked by the unit tests with synthetic signals,
 * and here only for consistency (the console's phases add up whenever they are known).
 */
class BuiltInListenersTest {

    private static final Pattern CONSOLE_LINE = Pattern.compile(
            "(GET) (\\S+) (\\d{3}|ERR) (\\d+)ms  queue (\\d+)  dns (\\d+)  connect (\\d+)  tls (\\d+)"
                    + "  ttfb (\\d+|-)  body (\\d+|-)  reused (yes|no|-)  conn (#\\d+|-)(  error (.*))?");

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void consoleSummaryMbeanAndJfrFromRealRequests(Jdks.Jdk jdk, @TempDir Path dir) throws Exception {
        Path console = dir.resolve("console.txt");
        Path summary = dir.resolve("summary.txt");
        Path log = dir.resolve("signals.jsonl");
        Path recording = dir.resolve("recording.jfr");
        try (Http1Server server = Http1Server.start()) {
            String hello = server.uri("/hello").toString();
            String notFound = server.uri("/status/404").toString();
            String unavailable = server.uri("/status/503").toString();
            String refused = "http://127.0.0.1:" + Ports.refused() + "/nobody";
            List<String> urls = List.of(hello, hello, notFound, hello, unavailable, refused);

            Map<String, String> agent = new LinkedHashMap<>();
            agent.put("listeners", "log,console,summary,jfr");
            agent.put("log.file", log.toString());
            agent.put("console.file", console.toString());
            agent.put("summary.file", summary.toString());
            ChildResult result = ChildJvm.on(jdk).withAgent(agent)
                    .jvmArg("-XX:StartFlightRecording:filename=" + recording)
                    .mainClass(ListenerApps.JdkGets.class)
                    .args("--mbean=" + urls.size()).args(urls)
                    .run();

            // the application saw what it would have seen without the agent
            assertExitedNormally(result);
            List<String> responses = result.stdoutLines().stream()
                    .filter(l -> l.startsWith("response ") || l.startsWith("failed ")).collect(Collectors.toList());
            assertEquals(List.of("response 200 " + hello, "response 200 " + hello, "response 404 " + notFound,
                    "response 200 " + hello, "response 503 " + unavailable,
                    "failed java.net.ConnectException " + refused), responses, result.describe());
            assertEquals(List.of(), ListenerChecks.unexpectedStderr(result), result.describe());

            SignalLog signals = SignalLog.read(log);
            ListenerChecks.assertGrammarWhereHooksExist(signals);
            assertEquals(urls.size(), signals.requests().size(), signals.dump());

            assertConsole(Files.readAllLines(console), urls);
            assertSummaryTable(Files.readString(summary), server.port());
            assertMbean(result.stdoutLines(), server.port());
            assertJfr(recording, urls);
        }
    }

    /** One line per request, in order, with its status; phases add up to the total wherever they are known. */
    private static void assertConsole(List<String> lines, List<String> urls) {
        assertEquals(urls.size(), lines.size(), String.join("\n", lines));
        List<String> statuses = List.of("200", "200", "404", "200", "503", "ERR");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = CONSOLE_LINE.matcher(lines.get(i));
            assertTrue(m.matches(), "not a console line: " + lines.get(i));
            assertEquals(urls.get(i), m.group(2), lines.get(i));
            assertEquals(statuses.get(i), m.group(3), lines.get(i));
            if (!m.group(9).equals("-")) {
                long sum = 0;
                for (int g = 5; g <= 10; g++) {
                    sum += Long.parseLong(m.group(g));
                }
                assertEquals(Long.parseLong(m.group(4)), sum, "phases do not add up: " + lines.get(i));
            }
        }
        assertTrue(lines.get(5).contains("  error java.net.ConnectException"), lines.get(5));
    }

    private static void assertSummaryTable(String table, int port) {
        assertTrue(table.startsWith("httpsignals summary since "), table);
        // client, host, requests, errors, 1xx..5xx
        assertTrue(table.matches("(?s).*\njdk-httpclient +127\\.0\\.0\\.1:" + port
                + " +5 +0 +0 +3 +0 +1 +1 .*"), table);
        assertTrue(table.matches("(?s).*\njdk-httpclient +127\\.0\\.0\\.1:\\d+ +1 +1 +0 +0 +0 +0 +0 .*"), table);
        assertTrue(table.matches("(?s).*\nall +all +6 +1 +0 +3 +0 +1 +1 .*"), table);
        assertTrue(table.matches("(?s).*\njdk-httpclient +127\\.0\\.0\\.1:" + port + " +total +5 .*"), table);
    }

    private static void assertMbean(List<String> stdout, int port) {
        List<String> mbean = stdout.stream().filter(l -> l.startsWith("mbean ")).collect(Collectors.toList());
        assertTrue(mbean.containsAll(List.of("mbean Requests=6", "mbean Errors=1", "mbean Status2xx=3",
                "mbean Status4xx=1", "mbean Status5xx=1",
                "mbean host jdk-httpclient 127.0.0.1:" + port + " requests=5 errors=0")), String.join("\n", mbean));
    }

    private static void assertJfr(Path recording, List<String> urls) throws Exception {
        List<RecordedEvent> requests = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("httpsignals.Request"))
                .sorted((a, b) -> Long.compare(a.getLong("requestId"), b.getLong("requestId")))
                .collect(Collectors.toList());
        assertEquals(urls.size(), requests.size(), requests.toString());
        int[] statuses = {200, 200, 404, 200, 503, -1};
        for (int i = 0; i < requests.size(); i++) {
            RecordedEvent e = requests.get(i);
            assertEquals(urls.get(i), e.getString("url"));
            assertEquals("GET", e.getString("method"));
            assertEquals("jdk-httpclient", e.getString("client"));
            assertEquals(statuses[i], e.getInt("status"), e.toString());
            assertEquals(List.of("httpsignals"), e.getEventType().getCategoryNames());
            assertTrue(!e.getDuration().isNegative(), e.toString());
        }
        assertTrue(requests.get(5).getString("error").startsWith("java.net.ConnectException"),
                requests.get(5).toString());
    }
}
