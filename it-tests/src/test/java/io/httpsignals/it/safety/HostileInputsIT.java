package io.httpsignals.it.safety;

import io.httpsignals.it.apps.SafetyApp;
import io.httpsignals.it.support.AgentMessages;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.MisbehavingServer;
import io.httpsignals.it.support.PluginJars;
import io.httpsignals.it.support.Ports;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad settings and hostile traffic: one clear line where a human must act, the application unchanged, valid JSON. */
class HostileInputsIT {

    @TempDir
    Path dir;

    private static Map<String, String> options(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void badSettingsAreOneLineEachAndTheApplicationRunsOn(Jdks.Jdk jdk) throws Exception {
        Path garbage = PluginJars.corruptJar(dir.resolve("garbage.jar"));
        try (Http1Server server = Http1Server.start()) {
            String[] app = {"get", server.uri("/hello").toString(), ";"};
            ChildResult plain = ChildJvm.on(jdk).mainClass(SafetyApp.class).args(app).run();

            ChildResult missingDir = ChildJvm.on(jdk)
                    .withAgent(options("listeners", "log", "log.file", dir.resolve("no/such/dir/s.jsonl").toString()))
                    .mainClass(SafetyApp.class).args(app).run();
            assertExitedNormally(missingDir);
            assertEquals(plain.stdout(), missingDir.stdout());
            assertEquals(1, AgentMessages.problems(missingDir).size(), missingDir.stderr());
            assertTrue(AgentMessages.problems(missingDir).get(0).contains("no/such/dir/s.jsonl"), missingDir.stderr());

            ChildResult garbagePlugin = ChildJvm.on(jdk)
                    .withAgent(options("plugins", garbage.toString(), "listeners", "log",
                            "log.file", dir.resolve("g.jsonl").toString()))
                    .mainClass(SafetyApp.class).args(app).run();
            assertExitedNormally(garbagePlugin);
            assertEquals(plain.stdout(), garbagePlugin.stdout());
            assertEquals(1, AgentMessages.problems(garbagePlugin).size(), garbagePlugin.stderr());
            assertTrue(AgentMessages.problems(garbagePlugin).get(0).contains("garbage.jar"), garbagePlugin.stderr());
            assertEquals(1, SignalLog.read(dir.resolve("g.jsonl")).requests().size(), "the other listeners run on");

            ChildResult empty = ChildJvm.on(jdk).withAgent(options("listeners", ""))
                    .mainClass(SafetyApp.class).args(app).run();
            assertExitedNormally(empty);
            assertEquals(plain.stdout(), empty.stdout());
            assertEquals(1, AgentMessages.problems(empty).size(), empty.stderr());
            assertTrue(AgentMessages.problems(empty).get(0).contains("no listener enabled"), empty.stderr());

            ChildResult malformed = ChildJvm.on(jdk)
                    .withAgent(options("listeners", "log", "log.file", dir.resolve("m.jsonl").toString(),
                            "dispatch", "sometimes", "dispatch.queue", "-5"))
                    .mainClass(SafetyApp.class).args(app).run();
            assertExitedNormally(malformed);
            assertEquals(plain.stdout(), malformed.stdout());
            assertEquals(2, AgentMessages.problems(malformed).size(), malformed.stderr());
            assertEquals(1, SignalLog.read(dir.resolve("m.jsonl")).requests().size());
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void hostileTrafficStillGivesValidJsonAndUnchangedResults(Jdks.Jdk jdk) throws Exception {
        Path log = dir.resolve("signals.jsonl");
        try (Http1Server server = Http1Server.start();
             MisbehavingServer reset = MisbehavingServer.start(MisbehavingServer.Mode.RESET_MID_BODY);
             MisbehavingServer malformed = MisbehavingServer.start(MisbehavingServer.Mode.MALFORMED_STATUS_LINE)) {
            String big = "x".repeat(64 * 1024);
            List<String> app = new ArrayList<>(List.of(
                    "get", "http://user:s3cr3t@127.0.0.1:" + server.port() + "/hello", ";",
                    "get", "http://[::1]:" + Ports.refused() + "/v6", ";",
                    "get", server.uri("/h\u00e9llo/w\u00f6rld/\u65e5\u672c").toString(), ";",
                    "get", server.uri("/echo").toString(), "X-Big:" + big, ";",
                    "get", reset.uri("/reset").toString(), ";",
                    "get", malformed.uri("/malformed").toString(), ";"));
            ChildResult plain = ChildJvm.on(jdk).mainClass(SafetyApp.class).args(app).run();
            ChildResult instrumented = ChildJvm.on(jdk)
                    .withAgent(options("listeners", "log", "log.file", log.toString()))
                    .mainClass(SafetyApp.class).args(app).run();
            assertExitedNormally(plain);
            assertExitedNormally(instrumented);
            assertEquals(plain.stdout(), instrumented.stdout());

            String raw = Files.readString(log);
            assertFalse(raw.contains("s3cr3t"), "a URL password reached the log");
            SignalLog signals = SignalLog.read(log); // fails on any malformed line
            signals.assertCommonFields();
            SignalGrammar.assertValid(signals, false);
            RequestSignals big1 = signals.singleRequestForUrl("/echo");
            assertEquals(big, big1.first("request_start").header("X-Big").get(0));
            assertEquals("request_exception", signals.singleRequestForUrl("/reset").last().signal());
            assertEquals("request_exception", signals.singleRequestForUrl("/malformed").last().signal());
            assertTrue(signals.requestsForUrl("\u65e5\u672c").size() == 1, signals.dump());
        }
    }
}
