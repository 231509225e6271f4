package io.httpsignals.it.safety;

import io.httpsignals.it.apps.MixedLoadApp;
import io.httpsignals.it.plugins.HeaderInjectingListenerProvider;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 64 threads mixing every client against fast, slow and failing endpoints: every request's signals form a valid
 * lifecycle, name the request's own URL, and the header injected at its start reached the server with it.
 * {@code -Dit.load.seconds=60} gives the long version (default 8 s).
 */
class ConcurrencyIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void sixtyFourThreadsMixingAllClients(Jdks.Jdk jdk) throws Exception {
        String seconds = System.getProperty("it.load.seconds", "8");
        Path log = dir.resolve("signals.jsonl");
        Path inject = PluginJars.build(dir.resolve("inject.jar"), HeaderInjectingListenerProvider.class);
        try (Http1Server server = Http1Server.start()) {
            Map<String, String> agent = new LinkedHashMap<>();
            agent.put("plugins", inject.toString());
            agent.put("listeners", "inject,log");
            agent.put("log.file", log.toString());
            agent.put("dispatch.queue", "1000000");
            ChildResult result = ChildJvm.on(jdk).withAgent(agent).mainClass(MixedLoadApp.class)
                    .args("64", seconds, "http://127.0.0.1:" + server.port(),
                            "http://127.0.0.1:" + Ports.refused() + "/refused")
                    .timeout(Duration.ofSeconds(Long.parseLong(seconds) + 120))
                    .run();
            assertExitedNormally(result);

            SignalLog signals = SignalLog.read(log);
            SignalGrammar.assertValid(signals, false);

            // every request the app made per client kind has exactly one trace
            Map<String, Long> tracesPerClient = new HashMap<>();
            for (RequestSignals r : signals.requests()) {
                tracesPerClient.merge(r.client(), 1L, Long::sum);
            }
            Map<String, Long> madePerClient = new HashMap<>();
            for (String line : result.stdoutLines()) {
                String[] f = line.split(" ");
                String kind = f[1].equals("jdk-httpclient-async") ? "jdk-httpclient" : f[1];
                madePerClient.merge(kind, Long.parseLong(f[2]) + Long.parseLong(f[3]), Long::sum);
            }
            assertEquals(madePerClient, tracesPerClient, result.stdout());

            // the server saw each traced request with the trace id injected at its own start
            Map<String, String> traceOfId = new HashMap<>();
            for (RecordedRequest r : server.requests()) {
                traceOfId.put(r.queryParam("id"), r.header(HeaderInjectingListenerProvider.DEFAULT_HEADER));
            }
            int checked = 0;
            for (RequestSignals r : signals.requests()) {
                String id = r.url().replaceAll(".*[?&]id=(\\d+).*", "$1");
                for (var record : r.signals()) {
                    assertEquals(r.url(), record.url(), "a signal carries another request's URL");
                }
                if (traceOfId.containsKey(id)) {
                    assertEquals(Long.toString(r.id()), traceOfId.get(id), r.describe());
                    checked++;
                }
            }
            assertTrue(checked > 100, "too few requests reached the server: " + checked);
        }
    }
}
