package io.httpsignals.it.urlconnection;

import io.httpsignals.it.apps.UrlConnectionLoad;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.PluginJars;
import io.httpsignals.it.support.RecordedRequest;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import io.httpsignals.it.urlconnection.plugin.TraceIdHeaderProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 16 threads x 200 {@code HttpURLConnection} requests at once, sharing the keep-alive cache: every request gets
 * its own complete, well-formed lifecycle, and no signal lands on another request. A test plugin injects each
 * request's trace id as a header and the server echoes it in the response, so the request head and the response
 * head recorded under a trace must both carry that trace's own id.
 */
class UrlConnectionConcurrencyTest {

    static final int THREADS = 16;
    static final int REQUESTS_PER_THREAD = 200;

    @TempDir
    static Path dir;

    static Http1Server server;
    static Path pluginJar;

    @BeforeAll
    static void start() {
        server = Http1Server.start();
        pluginJar = PluginJars.build(dir.resolve("trace-id-header.jar"), TraceIdHeaderProvider.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void concurrentRequestsKeepTheirOwnSignals(Jdks.Jdk jdk) {
        server.clearRequests();
        Path log = dir.resolve("load-" + jdk.name() + ".jsonl");
        Map<String, String> agent = new LinkedHashMap<>();
        agent.put("plugins", pluginJar.toString());
        agent.put("listeners", "trace-id-header,log");
        agent.put("log.file", log.toString());
        ChildResult result = ChildJvm.on(jdk)
                .withAgent(agent)
                .mainClass(UrlConnectionLoad.class)
                .args(server.uri("/header-echo?name=" + TraceIdHeaderProvider.HEADER).toString(),
                        Integer.toString(THREADS), Integer.toString(REQUESTS_PER_THREAD))
                .timeout(Duration.ofSeconds(120))
                .run();
        assertExitedNormally(result);
        int total = THREADS * REQUESTS_PER_THREAD;
        assertTrue(result.stdoutLines().contains("done " + total + " 0"), result.describe());

        SignalLog signals = SignalLog.read(log);
        SignalGrammar.assertValid(signals);
        List<RequestSignals> requests = signals.requests();
        assertEquals(total, requests.size());
        List<String> misattributed = new ArrayList<>();
        for (RequestSignals r : requests) {
            String id = Long.toString(r.id());
            if (!"request_end".equals(r.last().signal()) || r.last().status() != 200) {
                misattributed.add(r.describe() + " ended with " + r.last());
            }
            List<String> sent = r.first("request_headers_sent").header(TraceIdHeaderProvider.HEADER);
            List<String> echoed = r.first("response_headers_received").header(TraceIdHeaderProvider.HEADER);
            if (!sent.equals(List.of(id)) || !echoed.equals(List.of(id))) {
                misattributed.add(r.describe() + " sent " + sent + ", response echoed " + echoed);
            }
            if (r.count("request_headers_sent") != 1 || r.count("response_headers_received") != 1
                    || r.count("connection_released") != 1) {
                misattributed.add(r.describe() + ": " + r.names());
            }
        }
        assertTrue(misattributed.isEmpty(), misattributed.size() + " requests with foreign or missing signals, e.g. "
                + misattributed.subList(0, Math.min(5, misattributed.size())));

        Set<String> idsOnServer = new HashSet<>();
        for (RecordedRequest received : server.requests()) {
            idsOnServer.add(received.header(TraceIdHeaderProvider.HEADER));
        }
        assertEquals(total, idsOnServer.size(), "every request reached the server with its own trace id");
    }
}
