package io.httpsignals.it.apps;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Runs named {@code java.net.http.HttpClient} scenarios one after the other, printing {@code RESULT <scenario> ...}
 * lines the tests check. Every request URL carries {@code s=<scenario>} so the test finds its signals.
 *
 * <p>System properties: {@code it.http} / {@code it.https} / {@code it.h2} (base URIs of an HTTP/1.1 server, an
 * HTTPS/1.1 server and an h2+TLS server), {@code it.refused.port}, {@code it.truststore},
 * {@code it.truststore.password}.
 */
public final class JdkHttpScenarios {

    public static final int MIB = 1024 * 1024;

    private final String http = System.getProperty("it.http");
    private final String https = System.getProperty("it.https");
    private final String h2 = System.getProperty("it.h2");
    private final SSLContext trusted;

    private JdkHttpScenarios() throws Exception {
        String store = System.getProperty("it.truststore");
        trusted = store == null ? null : trustContext(store, System.getProperty("it.truststore.password"));
    }

    public static void main(String[] args) throws Exception {
        JdkHttpScenarios app = new JdkHttpScenarios();
        for (String scenario : args) {
            try {
                app.run(scenario);
            } catch (Throwable e) {
                System.out.println("RESULT " + scenario + " unexpected " + e);
                e.printStackTrace(System.out);
            }
        }
        System.out.println("DONE");
        System.exit(0);
    }

    private void run(String scenario) throws Exception {
        switch (scenario) {
            case "http-localhost" -> print(scenario, h1().send(get(http.replace("127.0.0.1", "localhost")
                    + "/hello?s=" + scenario), HttpResponse.BodyHandlers.ofString()));
            case "http-reuse" -> {
                HttpClient client = h1();
                print(scenario, client.send(get(http + "/hello?s=http-reuse-1"), HttpResponse.BodyHandlers.ofString()));
                print(scenario, client.send(get(http + "/hello?s=http-reuse-2"), HttpResponse.BodyHandlers.ofString()));
            }
            case "https" -> print(scenario, h1().send(get(https + "/hello?s=" + scenario),
                    HttpResponse.BodyHandlers.ofString()));
            case "https-untrusted" -> expectFailure(scenario, () -> HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1).build()
                    .send(get(https + "/hello?s=" + scenario), HttpResponse.BodyHandlers.ofString()));
            case "h2" -> {
                HttpClient client = h2Client();
                print(scenario, client.send(get(h2 + "/hello?s=h2-1"), HttpResponse.BodyHandlers.ofString()));
                print(scenario, client.send(get(h2 + "/hello?s=h2-2"), HttpResponse.BodyHandlers.ofString()));
                CompletableFuture<HttpResponse<String>> a = client.sendAsync(get(h2 + "/slow?ms=200&s=h2-c1"),
                        HttpResponse.BodyHandlers.ofString());
                CompletableFuture<HttpResponse<String>> b = client.sendAsync(get(h2 + "/slow?ms=200&s=h2-c2"),
                        HttpResponse.BodyHandlers.ofString());
                print(scenario, a.join());
                print(scenario, b.join());
            }
            case "post-bytes" -> print(scenario, h1().send(HttpRequest.newBuilder(URI.create(http
                            + "/upload?s=" + scenario)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MIB]))
                    .build(), HttpResponse.BodyHandlers.ofString()));
            case "post-stream" -> print(scenario, h1().send(HttpRequest.newBuilder(URI.create(http
                            + "/upload?s=" + scenario)).POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(new byte[MIB]))).build(),
                    HttpResponse.BodyHandlers.ofString()));
            case "post-h2" -> print(scenario, h2Client().send(HttpRequest.newBuilder(URI.create(h2
                            + "/upload?s=" + scenario)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MIB]))
                    .build(), HttpResponse.BodyHandlers.ofString()));
            case "chunked-response" -> {
                HttpResponse<byte[]> r = h1().send(get(http + "/bytes?n=" + MIB + "&chunked=true&s=" + scenario),
                        HttpResponse.BodyHandlers.ofByteArray());
                System.out.println("RESULT " + scenario + " " + r.statusCode() + " " + r.body().length);
            }
            case "redirects" -> {
                HttpClient client = h1();
                for (int code : new int[] {301, 302, 303, 307}) {
                    print(scenario, client.send(get(http + "/redirect/" + code + "?to=/echo&s=redirect-" + code),
                            HttpResponse.BodyHandlers.ofString()));
                }
                print(scenario, client.sendAsync(get(http + "/redirect/302?to=/echo&s=redirect-async"),
                        HttpResponse.BodyHandlers.ofString()).join());
            }
            case "unknown-host" -> expectFailure(scenario, () -> h1().send(
                    get("http://nonexistent.invalid:" + URI.create(http).getPort() + "/hello?s=" + scenario),
                    HttpResponse.BodyHandlers.ofString()));
            case "refused" -> expectFailure(scenario, () -> h1().send(get("http://127.0.0.1:"
                    + System.getProperty("it.refused.port") + "/hello?s=" + scenario),
                    HttpResponse.BodyHandlers.ofString()));
            case "timeout" -> expectFailure(scenario, () -> h1().send(HttpRequest.newBuilder(URI.create(http
                            + "/slow?ms=3000&s=" + scenario)).timeout(Duration.ofMillis(300)).build(),
                    HttpResponse.BodyHandlers.ofString()));
            case "cancel" -> {
                CompletableFuture<HttpResponse<String>> f = h1().sendAsync(get(http + "/slow?ms=3000&s=" + scenario),
                        HttpResponse.BodyHandlers.ofString());
                Thread.sleep(500);
                f.cancel(true);
                expectFailure(scenario, f::join);
            }
            case "interrupted" -> {
                // the application interrupts a thread blocked in send(): send() throws InterruptedException
                Thread caller = Thread.currentThread();
                Thread interrupter = new Thread(() -> {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException ignored) {
                        return;
                    }
                    caller.interrupt();
                });
                interrupter.start();
                expectFailure(scenario, () -> h1().send(get(http + "/slow?ms=3000&s=" + scenario),
                        HttpResponse.BodyHandlers.ofString()));
                interrupter.join();
                Thread.interrupted(); // in case the interrupt came after send() returned
            }
            case "input-stream" -> {
                HttpClient client = h1();
                try (InputStream in = client.send(get(http + "/bytes?n=100000&s=input-stream-read"),
                        HttpResponse.BodyHandlers.ofInputStream()).body()) {
                    System.out.println("RESULT " + scenario + " read " + in.readAllBytes().length);
                }
                InputStream in = client.send(get(http + "/bytes?n=100000&s=input-stream-close"),
                        HttpResponse.BodyHandlers.ofInputStream()).body();
                System.out.println("RESULT " + scenario + " first " + in.readNBytes(10).length);
                in.close();
            }
            case "handler-throws" -> expectFailure(scenario, () -> h1().send(get(http + "/hello?s=" + scenario),
                    info -> {
                        throw new IllegalStateException("handler refuses");
                    }));
            case "concurrent-http1" -> concurrent(scenario, h1(), http, 200);
            // below the server's limit of concurrent streams (Jetty: 128), which 17 does not wait for
            case "concurrent-h2" -> concurrent(scenario, h2Client(), h2, 50);
            case "plain" -> {
                HttpClient client = h1();
                print(scenario, client.send(get(http + "/hello?s=plain"), HttpResponse.BodyHandlers.ofString()));
                print(scenario, client.send(HttpRequest.newBuilder(URI.create(http + "/upload?s=plain"))
                        .POST(HttpRequest.BodyPublishers.ofString("abc")).build(),
                        HttpResponse.BodyHandlers.ofString()));
                print(scenario, client.sendAsync(get(http + "/redirect/302?to=/hello&s=plain"),
                        HttpResponse.BodyHandlers.ofString()).join());
                print(scenario, h2Client().send(get(h2 + "/hello?s=plain"), HttpResponse.BodyHandlers.ofString()));
            }
            case "stale" -> {
                // the server closes each connection just after its first response: the pooled one goes stale
                HttpClient client = h1();
                String base = "http://127.0.0.1:" + System.getProperty("it.stale.port");
                print(scenario, client.send(get(base + "/hello?s=stale-1"), HttpResponse.BodyHandlers.ofString()));
                Thread.sleep(300);
                print(scenario, client.send(get(base + "/hello?s=stale-2"), HttpResponse.BodyHandlers.ofString()));
            }
            case "connect-timeout" -> {
                // a listener whose accept queue is full: Linux drops further SYNs, so the connect hangs
                try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1,
                        java.net.InetAddress.getLoopbackAddress())) {
                    List<java.net.Socket> queued = new ArrayList<>();
                    try {
                        for (int i = 0; i < 8; i++) {
                            java.net.Socket s = new java.net.Socket();
                            queued.add(s);
                            s.connect(full.getLocalSocketAddress(), 200);
                        }
                    } catch (java.io.IOException expected) {
                        // the queue is full
                    }
                    expectFailure(scenario, () -> HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300))
                            .build().send(get("http://127.0.0.1:" + full.getLocalPort() + "/hello?s=" + scenario),
                                    HttpResponse.BodyHandlers.ofString()));
                    for (java.net.Socket s : queued) {
                        s.close();
                    }
                }
            }
            case "reset" -> expectFailure(scenario, () -> h1().send(get("http://127.0.0.1:"
                    + System.getProperty("it.reset.port") + "/hello?s=" + scenario),
                    HttpResponse.BodyHandlers.ofString()));
            case "h2c" -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
                String base = "http://127.0.0.1:" + System.getProperty("it.h2c.port");
                print(scenario, client.send(get(base + "/hello?s=h2c-1"), HttpResponse.BodyHandlers.ofString()));
                print(scenario, client.send(get(base + "/hello?s=h2c-2"), HttpResponse.BodyHandlers.ofString()));
            }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    /** {@code n} concurrent sendAsync; each response echoes the request's x-test-id header as a response header. */
    private static void concurrent(String scenario, HttpClient client, String base, int n) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(client.sendAsync(get(base + "/header-echo?name=x-test-id&s=" + scenario + "&i=" + i),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < n; i++) {
            try {
                HttpResponse<String> r = futures.get(i).join();
                System.out.println("ECHO " + scenario + " " + i + " " + r.statusCode() + " "
                        + r.headers().firstValue("x-test-id").orElse("none"));
            } catch (RuntimeException e) {
                System.out.println("ECHO " + scenario + " " + i + " failed " + e);
            }
        }
    }

    private HttpClient h1() {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (trusted != null) {
            b.sslContext(trusted);
        }
        return b.build();
    }

    private HttpClient h2Client() {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (trusted != null) {
            b.sslContext(trusted);
        }
        return b.build();
    }

    private static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).build();
    }

    private static void print(String scenario, HttpResponse<String> r) {
        System.out.println("RESULT " + scenario + " " + r.statusCode() + " " + r.version() + " "
                + r.body().replace('\n', ' ').length());
    }

    interface Call {
        Object call() throws Exception;
    }

    private static void expectFailure(String scenario, Call call) {
        try {
            call.call();
            System.out.println("RESULT " + scenario + " no-failure");
        } catch (Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null && (cause instanceof java.util.concurrent.CompletionException
                    || cause instanceof java.util.concurrent.ExecutionException)) {
                cause = cause.getCause();
            }
            System.out.println("RESULT " + scenario + " failed " + cause.getClass().getName());
        }
    }

    private static SSLContext trustContext(String store, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(store)) {
            ks.load(in, password.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

}
