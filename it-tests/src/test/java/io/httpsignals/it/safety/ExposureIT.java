package io.httpsignals.it.safety;

import io.httpsignals.it.apps.SafetyApp;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildProcess;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.SignalLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets never reach an output, the log is private to its owner, and the agent opens no listening socket. */
class ExposureIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void sensitiveHeadersUserInfoAndQueryParametersAreRedacted(Jdks.Jdk jdk) throws Exception {
        Path log = dir.resolve("signals.jsonl");
        try (Http1Server server = Http1Server.start()) {
            Map<String, String> agent = new LinkedHashMap<>();
            agent.put("listeners", "log");
            agent.put("log.file", log.toString());
            agent.put("redact.headers", "X-Api-Key");
            agent.put("redact.query", "token");
            ChildResult result = ChildJvm.on(jdk).withAgent(agent).mainClass(SafetyApp.class)
                    .args("get", "http://alice:pa55word@127.0.0.1:" + server.port() + "/set-cookie?token=t0ken&page=2",
                            "Authorization:Bearer s3cret-bearer", "Cookie:session=c00kie", "X-Api-Key:k3y",
                            "Proxy-Authorization:Basic pr0xy", ";")
                    .run();
            assertExitedNormally(result);
            assertEquals("get 200 2", result.stdout().strip().replaceAll("get 200 \\d+", "get 200 2"));

            String raw = Files.readString(log);
            for (String secret : List.of("pa55word", "s3cret-bearer", "c00kie", "k3y", "pr0xy", "t0ken", "abc123")) {
                assertFalse(raw.contains(secret), secret + " reached the log:\n" + raw);
            }
            SignalLog signals = SignalLog.read(log);
            var start = signals.requests().get(0).first("request_start");
            assertEquals(List.of("<redacted>"), start.header("Authorization"));
            assertEquals(List.of("<redacted>"), start.header("X-Api-Key"));
            assertTrue(start.url().contains("alice:<redacted>@") && start.url().contains("token=<redacted>&page=2"),
                    start.url());
            assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(log), "the log must be readable by its owner only: "
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void theAgentOpensNoListeningSocket(Jdks.Jdk jdk) throws Exception {
        try (Http1Server server = Http1Server.start();
             ChildProcess child = ChildJvm.on(jdk)
                     .withAgent(Map.of("listeners", "log", "log.file", dir.resolve("s.jsonl").toString()))
                     .mainClass(SafetyApp.class)
                     .args("get", server.uri("/hello").toString(), ";", "ready")
                     .start()) {
            child.awaitStdout("ready", Duration.ofSeconds(30));
            Set<String> listening = listeningSocketInodes();
            Set<String> mine = socketInodesOf(child.pid());
            mine.retainAll(listening);
            assertTrue(mine.isEmpty(), "the instrumented JVM listens on sockets " + mine);
        }
    }

    /** Inodes of TCP sockets in state LISTEN (0A), from /proc/net/tcp and tcp6. */
    private static Set<String> listeningSocketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(p)) {
                lines.skip(1).map(String::trim).map(l -> l.split("\\s+"))
                        .filter(f -> f.length > 9 && f[3].equals("0A")).forEach(f -> inodes.add(f[9]));
            }
        }
        return inodes;
    }

    private static Set<String> socketInodesOf(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException ignored) {
                    // the descriptor closed meanwhile
                }
            });
        }
        return inodes;
    }
}
