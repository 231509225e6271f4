package io.httpsignals.it.attach;

import io.httpsignals.it.apps.IdleClientApp;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildProcess;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.httpsignals.it.support.ItAssertions.assertSignals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Attached after the application created its HttpClient but before its first request: the classes the first
 * request loads (some of them while the agent retransforms the client's) must still get their hooks, so the
 * request has its whole lifecycle, not just its start and end.
 */
class AttachBeforeFirstRequestIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void aClientCreatedBeforeAttachEmitsEveryPhase(Jdks.Jdk jdk) throws Exception {
        Path log = dir.resolve("signals.jsonl");
        Path go = dir.resolve("go");
        try (Http1Server server = Http1Server.start();
             ChildProcess child = ChildJvm.on(jdk)
                     .mainClass(IdleClientApp.class).args(server.uri("/hello").toString(), go.toString())
                     .timeout(Duration.ofSeconds(90)).start()) {
            child.awaitStdout("ready", Duration.ofSeconds(30));
            AgentCli.Result attach = AgentCli.run(jdk, "attach", Long.toString(child.pid()), "listeners=log",
                    "log.file=" + log);
            assertEquals(0, attach.exitCode(), attach.describe());
            Files.createFile(go);
            ChildResult result = child.waitFor(Duration.ofSeconds(60));
            assertEquals("status 200", result.stdout().strip().lines().reduce((a, b) -> b).orElse(""));
            SignalLog signals = SignalLog.awaitRead(log, Duration.ofSeconds(10), l -> !l.isEmpty()
                    && l.requests().get(0).has("request_end"));
            SignalGrammar.assertValid(signals, false);
            RequestSignals hello = signals.singleRequestForUrl("/hello");
            assertSignals(hello, "request_start", "connection_create_start", "connect_start", "connect_end",
                    "connection_create_end", "request_headers_sent", "response_headers_received",
                    "response_chunk_received", "connection_released", "request_end");
        }
    }
}
