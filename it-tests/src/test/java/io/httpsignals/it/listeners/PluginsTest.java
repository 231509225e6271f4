package io.httpsignals.it.listeners;

import io.httpsignals.it.listeners.plugins.BrokenPlugins;
import io.httpsignals.it.listeners.plugins.ProbePlugin;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.PluginJars;
import io.httpsignals.it.support.SignalLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plugin jars in one child JVM: the documented template (examples/listener-plugin), a probe of what a plugin's
 * class loader sees and which options it gets, and every kind of broken plugin, each of which must cost exactly
 * one stderr line naming its jar while the application and the other listeners run on.
 */
class PluginsTest {

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void templateProbeAndBrokenPlugins(Jdks.Jdk jdk, @TempDir Path dir) throws Exception {
        Path template = exampleJar();
        Path probe = PluginJars.build(dir.resolve("probe.jar"), ProbePlugin.class);
        Path missing = dir.resolve("missing.jar");
        Path corrupt = PluginJars.corruptJar(dir.resolve("corrupt.jar"));
        Path badEntry = PluginJars.jarWithMissingProvider(dir.resolve("bad-entry.jar"),
                "com.example.NoSuchProvider");
        Path throwingProvider = PluginJars.build(dir.resolve("throwing-provider.jar"),
                BrokenPlugins.ThrowingProvider.class);
        Path throwingListener = PluginJars.build(dir.resolve("throwing-listener.jar"),
                BrokenPlugins.ThrowingListenerProvider.class, BrokenPlugins.ThrowingListener.class);
        Path log = dir.resolve("signals.jsonl");
        Path probeOut = dir.resolve("probe.txt");

        try (Http1Server server = Http1Server.start()) {
            String hello = server.uri("/hello").toString();
            String notFound = server.uri("/status/404").toString();
            Map<String, String> agent = new LinkedHashMap<>();
            agent.put("plugins", String.join(",", template.toString(), missing.toString(), corrupt.toString(),
                    badEntry.toString(), throwingProvider.toString(), throwingListener.toString(),
                    probe.toString()));
            agent.put("listeners", "log,slow-requests,thrower,probe");
            agent.put("log.file", log.toString());
            agent.put("slow-requests.threshold.ms", "0");
            agent.put("probe.file", probeOut.toString());
            agent.put("probe.color", "blue");
            ChildResult result = ChildJvm.on(jdk).withAgent(agent)
                    .mainClass(ListenerApps.JdkGets.class).args(hello, notFound).run();

            assertExitedNormally(result);
            assertEquals(List.of("response 200 " + hello, "response 404 " + notFound), result.stdoutLines()
                    .stream().filter(l -> !l.isBlank()).collect(Collectors.toList()), result.describe());

            // one line per broken plugin, naming the jar and why, and nothing else from the agent
            List<String> agentLines = result.stderrLines().stream().filter(l -> l.startsWith("httpsignals:"))
                    .collect(Collectors.toList());
            assertEquals(5, agentLines.size(), result.describe());
            assertOneLine(agentLines, missing, "does not exist");
            assertOneLine(agentLines, corrupt, "is not a readable jar");
            assertOneLine(agentLines, badEntry, "com.example.NoSuchProvider not found");
            assertOneLine(agentLines, throwingProvider,
                    "provider failed in its constructor (java.lang.IllegalStateException: no licence key configured)");
            assertOneLine(agentLines, throwingListener, "cannot reach the collector");

            // the template plugin ran, with its option
            List<String> slow = result.stderrLines().stream().filter(l -> l.startsWith("slow-requests: "))
                    .collect(Collectors.toList());
            assertEquals(2, slow.size(), result.describe());
            assertTrue(slow.get(0).matches("slow-requests: GET \\Q" + hello + "\\E 200 took \\d+ ms"), slow.get(0));
            assertTrue(slow.get(1).matches("slow-requests: GET \\Q" + notFound + "\\E 404 took \\d+ ms"),
                    slow.get(1));
            assertEquals(2 + 5, ListenerChecks.unexpectedStderr(result).size(), result.describe());

            // the probe got its own options only, and sees the API and nothing else
            assertEquals(List.of(
                    "options {color=blue, file=" + probeOut + "}",
                    "sees io.httpsignals.api.RequestTrace",
                    "hidden io.httpsignals.bootstrap.SignalBus",
                    "hidden io.httpsignals.agent.AgentStarter",
                    "hidden io.httpsignals.it.listeners.ListenerApps",
                    "hidden com.example.httpsignals.SlowRequestsProvider",
                    "end 200 " + hello,
                    "end 404 " + notFound), Files.readAllLines(probeOut));

            SignalLog signals = SignalLog.read(log);
            ListenerChecks.assertGrammarWhereHooksExist(signals);
            assertEquals(2, signals.requests().size());
        }
    }

    private static void assertOneLine(List<String> lines, Path jar, String reason) {
        List<String> naming = lines.stream().filter(l -> l.contains(jar.toString())).collect(Collectors.toList());
        assertEquals(1, naming.size(), "lines naming " + jar + ": " + lines);
        assertTrue(naming.get(0).contains(reason), "expected '" + reason + "' in: " + naming.get(0));
    }

    static Path exampleJar() {
        String configured = System.getProperty("it.example.plugin.jar");
        Path jar = configured != null && !configured.contains("${")
                ? Path.of(configured)
                : Path.of("../examples/listener-plugin/target/httpsignals-example-listener-plugin-0.1.0-SNAPSHOT.jar");
        assertTrue(Files.isRegularFile(jar), "the plugin template's jar is not built: " + jar
                + " (mvn -B verify from the root builds it before these tests)");
        return jar;
    }
}
