package io.httpsignals.it.safety;

import io.httpsignals.it.apps.LeakApp;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildProcess;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-request state never outlives its request: after many requests (1% of bodies abandoned unread and unclosed)
 * and a GC, the agent's live objects are bounded, and a class loader that used Apache HttpClient is collected.
 * {@code -Dit.leak.requests=1000000} gives the long version (default 2000).
 */
class LeakIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void retainedAgentStateIsBounded(Jdks.Jdk jdk) throws Exception {
        int requests = Integer.getInteger("it.leak.requests", 2000);
        try (Http1Server server = Http1Server.start();
             ChildProcess child = ChildJvm.on(jdk)
                     .withAgent(Map.of("listeners", "log", "log.file", dir.resolve("s.jsonl").toString()))
                     .jvmArg("-Xmx256m")
                     .mainClass(LeakApp.class)
                     .args(Integer.toString(requests), "http://127.0.0.1:" + server.port())
                     .start()) {
            child.awaitStdout("ready", Duration.ofSeconds(60 + requests / 50));
            assertTrue(child.stdoutSoFar().contains("loader-collected true"),
                    "a class loader that used Apache HttpClient was kept alive:\n" + child.stdoutSoFar());
            Map<String, Long> agentObjects = agentInstances(jdk, child.pid());
            long traces = agentObjects.getOrDefault("io.httpsignals.bootstrap.Trace", 0L);
            // Byte Buddy's own structures are a fixed cost of the installed hooks, not per-request state
            long total = agentObjects.entrySet().stream().filter(e -> !e.getKey().startsWith("io.httpsignals.shaded."))
                    .mapToLong(Map.Entry::getValue).sum();
            // abandoned responses may keep their trace while the client keeps their connection: at most 1%
            assertTrue(traces <= requests / 100 + 16, "live traces after " + requests + " requests: " + agentObjects);
            assertTrue(total <= 2_000 + 4L * requests / 100, "live agent objects (without Byte Buddy's): " + agentObjects);
        }
    }

    /** Live instances of the agent's classes, from {@code jcmd <pid> GC.class_histogram} (which runs a full GC). */
    private static Map<String, Long> agentInstances(Jdks.Jdk jdk, long pid) throws Exception {
        Path jcmd = jdk.javaExecutable().resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Map<String, Long> counts = new TreeMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[3].startsWith("io.httpsignals.")) {
                counts.merge(f[3], Long.parseLong(f[1]), Long::sum);
            }
        }
        assertTrue(out.contains("Total"), "jcmd failed: " + out);
        return counts;
    }
}
