package io.httpsignals.it.startup;

import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildProcess;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.ItAssertions;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The woven-class cache, for JDK and application (Apache) classes alike: two JVMs starting at once on an empty cache
 * both work and fill it; a later start answers every hooked class from it without setting Byte Buddy up and gives
 * the same signals; with {@code cache=verify} each cached class is woven afresh and must be byte for byte what the
 * cache gave; a corrupt cache is ignored.
 */
class WovenClassCacheTest {

    /** One request with each client the agent hooks, in one process. Args: url. */
    public static final class EveryClientOnce {
        public static void main(String[] args) throws Exception {
            URI uri = URI.create(args[0]);
            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            print("jdk", jdk.send(HttpRequest.newBuilder(URI.create(args[0] + "?c=jdk&")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpURLConnection c = (HttpURLConnection) URI.create(args[0] + "?c=urlconnection&").toURL().openConnection();
            try (InputStream in = c.getInputStream()) {
                in.readAllBytes();
            }
            print("urlconnection", c.getResponseCode());
            try (var client = org.apache.hc.client5.http.impl.classic.HttpClients.createDefault()) {
                print("apache5", client.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(
                        args[0] + "?c=apache5&"), r -> {
                            EntityUtils.consume(r.getEntity());
                            return r.getCode();
                        }));
            }
            try (CloseableHttpAsyncClient client = HttpAsyncClients.createDefault()) {
                client.start();
                print("apache5-async", client.execute(SimpleRequestBuilder.get(args[0] + "?c=apache5-async&").build(),
                        null).get().getCode());
            }
            try (var client = org.apache.http.impl.client.HttpClients.createDefault();
                 var r = client.execute(new org.apache.http.client.methods.HttpGet(args[0] + "?c=apache4&"))) {
                org.apache.http.util.EntityUtils.consume(r.getEntity());
                print("apache4", r.getStatusLine().getStatusCode());
            }
        }

        private static void print(String client, int status) {
            System.out.println(client + " " + status);
        }
    }

    private static final String EXPECTED_STDOUT = "jdk 200\nurlconnection 200\napache5 200\napache5-async 200\napache4 200";

    /** Hooked classes of every client, each of which the verifying run must find in the cache and confirm. */
    private static final List<String> HOOKED = List.of(
            "java.net.InetSocketAddress",
            "jdk.internal.net.http.HttpClientImpl",
            "jdk.internal.net.http.MultiExchange",
            "sun.net.www.protocol.http.HttpURLConnection",
            "sun.net.www.http.HttpClient",
            "org.apache.hc.client5.http.impl.classic.InternalHttpClient",
            "org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager",
            "org.apache.hc.core5.pool.StrictConnPool",
            "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient",
            "org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager",
            "org.apache.http.impl.client.InternalHttpClient",
            "org.apache.http.impl.conn.PoolingHttpClientConnectionManager",
            "org.apache.http.pool.AbstractConnPool");

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void cachedClassesAreWhatTheHooksMakeOfThem(Jdks.Jdk jdk, @TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        try (Http1Server server = Http1Server.start()) {
            String url = server.scheme() + "://127.0.0.1:" + server.port() + "/hello";

            // two JVMs at once on an empty cache: both weave, both write, neither sees half an entry
            List<ChildProcess> cold = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                cold.add(child(jdk, cache, dir.resolve("cold-" + i + ".jsonl"), Map.of(), url).start());
            }
            List<String> expected = null;
            for (int i = 0; i < 2; i++) {
                ChildResult result = cold.get(i).waitFor();
                assertWorked(result);
                List<String> signals = signalNames(dir.resolve("cold-" + i + ".jsonl"));
                if (expected == null) {
                    expected = signals;
                } else {
                    assertEquals(expected, signals, "both cold starts give the same signals");
                }
            }
            Path woven;
            try (Stream<Path> files = Files.list(cache.resolve("httpsignals"))) {
                woven = files.filter(p -> p.getFileName().toString().startsWith("woven-")).findFirst().orElseThrow();
            }

            // warm: every hooked class from the cache, Byte Buddy never set up, the same signals
            Path classLog = dir.resolve("classes.log");
            ChildResult warm = child(jdk, cache, dir.resolve("warm.jsonl"), Map.of(), url)
                    .jvmArg("-Xlog:class+load=info:file=" + classLog).run();
            assertWorked(warm);
            assertEquals(expected, signalNames(dir.resolve("warm.jsonl")), "a warm start gives the same signals");
            String loaded = Files.readString(classLog);
            assertFalse(loaded.contains("bytebuddy.agent.builder.AgentBuilder$Default "),
                    "a warm start answers every hooked class from the cache and never sets Byte Buddy up");

            // cache=verify: each cached class is woven again and compared byte for byte
            ChildResult verify = child(jdk, cache, dir.resolve("verify.jsonl"),
                    Map.of("cache", "verify", "debug", "true"), url).run();
            ItAssertions.assertExitedNormally(verify);
            assertEquals(EXPECTED_STDOUT, verify.stdout().strip(), verify.describe());
            assertFalse(verify.stderr().contains("differs from what the hooks make of it now"), verify.describe());
            for (String hooked : HOOKED) {
                assertTrue(verify.stderr().contains("woven-class cache: " + hooked + " verified (woven)"),
                        hooked + " verified from the cache\n" + verify.describe());
            }
            assertEquals(expected, signalNames(dir.resolve("verify.jsonl")));

            // a corrupt cache (every entry truncated or garbled) is a miss, never a failure
            try (Stream<Path> entries = Files.list(woven)) {
                int n = 0;
                for (Path entry : entries.toList()) {
                    byte[] bytes = Files.readAllBytes(entry);
                    Files.write(entry, n++ % 2 == 0 ? java.util.Arrays.copyOf(bytes, bytes.length / 2)
                            : new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
                }
            }
            ChildResult corrupt = child(jdk, cache, dir.resolve("corrupt.jsonl"), Map.of(), url).run();
            assertWorked(corrupt);
            assertEquals(expected, signalNames(dir.resolve("corrupt.jsonl")), "a corrupt cache changes nothing");
        }
    }

    private static ChildJvm child(Jdks.Jdk jdk, Path cache, Path log, Map<String, String> more, String url) {
        Map<String, String> options = new java.util.HashMap<>(Map.of("listeners", "log", "log.file", log.toString()));
        options.putAll(more);
        return ChildJvm.on(jdk).withAgent(options).env("XDG_CACHE_HOME", cache.toString())
                .mainClass(EveryClientOnce.class).args(url);
    }

    private static void assertWorked(ChildResult result) {
        ItAssertions.assertExitedNormally(result);
        // SLF4J notes that Apache HttpClient 5 has no logger; nothing else may appear
        List<String> unexpected = result.stderrLines().stream()
                .filter(l -> !l.isBlank() && !l.startsWith("SLF4J(W): ")).toList();
        assertTrue(unexpected.isEmpty(), "unexpected stderr output " + unexpected + "\n" + result.describe());
        assertEquals(EXPECTED_STDOUT, result.stdout().strip(), result.describe());
    }

    /** Per client, in order, the names of its request's signals (the grammar checked on the way). */
    private static List<String> signalNames(Path log) {
        SignalLog signals = SignalLog.read(log);
        SignalGrammar.assertValid(signals);
        assertEquals(5, signals.requests().size(), signals.dump());
        List<String> names = new ArrayList<>();
        for (String client : List.of("jdk", "urlconnection", "apache5", "apache5-async", "apache4")) {
            RequestSignals r = signals.singleRequestForUrl("c=" + client + "&");
            names.add(client + ": " + String.join(",", r.names()));
        }
        return names;
    }
}
