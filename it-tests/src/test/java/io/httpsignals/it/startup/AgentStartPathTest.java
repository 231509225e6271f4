package io.httpsignals.it.startup;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.ItAssertions;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.PluginJars;
import io.httpsignals.it.support.RecordedRequest;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's start path as the start-up work left it: bootstrap classes defined in the boot loader (no boot class
 * path append, so no "Sharing is only supported for boot loader classes" warning and no Unsafe warning from Byte
 * Buddy), Byte Buddy set up only when the first hooked class loads, the core jar and the woven JDK classes reused
 * from the per-user cache by the second start, and a plugin listener (loaded against the boot-defined API) still
 * injecting headers.
 */
class AgentStartPathTest {

    /** Two requests with the JDK HttpClient, created after start (so its classes load after premain). */
    public static final class TwoRequests {
        public static void main(String[] args) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(args[0])).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println("status=" + r.statusCode());
            }
        }
    }

    public static final class InjectingProvider implements HttpSignalListenerProvider {
        @Override
        public String name() {
            return "inject";
        }

        @Override
        public HttpSignalListener<?> create(ListenerOptions options) {
            return new InjectingListener();
        }
    }

    public static final class InjectingListener implements HttpSignalListener<Void> {
        @Override
        public void onRequestStart(RequestTrace trace, Void context, long timeNanos, RequestHeaders headers) {
            headers.set("X-Start-Path", "request-" + trace.id());
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void startsCleanlyAndReusesTheCachedCore(Jdks.Jdk jdk, @TempDir Path dir) throws Exception {
        Path plugin = PluginJars.build(dir.resolve("inject.jar"), InjectingProvider.class, InjectingListener.class);
        Path cache = dir.resolve("cache");
        try (Http1Server server = Http1Server.start()) {
            String url = server.scheme() + "://127.0.0.1:" + server.port() + "/hello";
            FileTime firstWrite = null;
            for (int run = 1; run <= 2; run++) {
                Path log = dir.resolve("signals-" + run + ".jsonl");
                ChildResult result = ChildJvm.on(jdk)
                        .withAgent(Map.of("plugins", plugin.toString(), "listeners", "log,inject",
                                "log.file", log.toString()))
                        .env("XDG_CACHE_HOME", cache.toString())
                        .mainClass(TwoRequests.class).args(url).run();
                ItAssertions.assertExitedNormally(result);
                ItAssertions.assertNoStderrErrors(result);
                assertEquals("status=200\nstatus=200", result.stdout().strip(), result.describe());

                SignalLog signals = SignalLog.read(log);
                assertEquals(2, signals.requests().size(), signals.dump());
                for (RequestSignals r : signals.requests()) {
                    // this test is about the start path, not the JDK client's hooks: whatever those emit between
                    // them, each request starts and ends once
                    assertEquals("request_start", r.names().get(0), r.describe());
                    assertEquals("request_end", r.last().signal(), r.describe());
                    assertEquals(1, r.count("request_end"), r.describe());
                    assertEquals(200, r.first("request_end").status());
                    if (r.has("response_headers_received")) {
                        // the first JDK hook emits only start and end, which the grammar rightly calls incomplete
                        SignalGrammar.assertValid(signals);
                    }
                }

                List<Path> cached;
                try (Stream<Path> files = Files.list(cache.resolve("httpsignals"))) {
                    cached = files.filter(p -> p.getFileName().toString().matches("core-[0-9a-f]+-[0-9]+\\.jar"))
                            .toList();
                }
                assertEquals(1, cached.size(), cached.toString());
                try (Stream<Path> files = Files.list(cache.resolve("httpsignals"))) {
                    // the first run wove the JDK client's classes and cached them; the second run reads them back
                    // (Byte Buddy is not set up), and its signals and injected headers below are still complete
                    assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("woven-")),
                            "a woven-class cache next to the core jar");
                }
                FileTime written = Files.getLastModifiedTime(cached.get(0));
                if (run == 1) {
                    firstWrite = written;
                } else {
                    assertEquals(firstWrite, written, "the second start reuses the cached core jar");
                }
            }
            List<RecordedRequest> seen = server.requests();
            assertEquals(4, seen.size());
            for (RecordedRequest r : seen) {
                assertTrue(r.header("X-Start-Path").startsWith("request-"), r.toString());
            }
        }
    }
}
