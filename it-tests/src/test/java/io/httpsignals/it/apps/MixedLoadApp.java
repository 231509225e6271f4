package io.httpsignals.it.apps;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many threads mixing every supported client against several endpoints (fast, slow, failing) for a while.
 * Args: {@code THREADS SECONDS BASE_URL REFUSED_URL}. Each request's URL carries a unique {@code id}. Prints, per
 * client kind, {@code done <client> <ok> <failed>} once every thread has finished.
 */
public final class MixedLoadApp {

    static final List<String> CLIENTS = List.of("jdk-httpclient", "jdk-httpclient-async", "jdk-urlconnection",
            "apache-httpclient5", "apache-httpclient5-async", "apache-httpclient4");

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        String base = args[2];
        String refused = args[3];
        List<String> paths = List.of("/hello", "/slow?ms=30", "/status/500", "/bytes?n=20000&chunked=true", "REFUSED");

        HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (CloseableHttpClient apache5 = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(8).setMaxConnTotal(32).build())
                .build();
             CloseableHttpAsyncClient apache5Async = HttpAsyncClients.custom().build();
             org.apache.http.impl.client.CloseableHttpClient apache4 =
                     org.apache.http.impl.client.HttpClients.custom().setMaxConnPerRoute(8).build()) {
            apache5Async.start();
            Map<String, LongAdder[]> outcomes = new ConcurrentHashMap<>();
            for (String c : CLIENTS) {
                outcomes.put(c, new LongAdder[] {new LongAdder(), new LongAdder()});
            }
            AtomicInteger ids = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    int n = 0;
                    while (System.nanoTime() < until) {
                        String client = CLIENTS.get((thread + n) % CLIENTS.size());
                        String path = paths.get((thread * 7 + n) % paths.size());
                        int id = ids.incrementAndGet();
                        String url = path.equals("REFUSED") ? refused + "?id=" + id
                                : base + path + (path.contains("?") ? "&" : "?") + "id=" + id;
                        boolean ok;
                        try {
                            ok = call(client, url, jdk, apache5, apache5Async, apache4);
                        } catch (Exception e) {
                            ok = false;
                        }
                        outcomes.get(client)[ok ? 0 : 1].increment();
                        n++;
                    }
                    done.countDown();
                }, "load-" + t);
                worker.start();
            }
            done.await();
            for (String c : CLIENTS) {
                System.out.println("done " + c + " " + outcomes.get(c)[0].sum() + " " + outcomes.get(c)[1].sum());
            }
        }
    }

    private static boolean call(String client, String url, HttpClient jdk, CloseableHttpClient apache5,
                                CloseableHttpAsyncClient apache5Async,
                                org.apache.http.impl.client.CloseableHttpClient apache4) throws Exception {
        switch (client) {
            case "jdk-httpclient" -> {
                return jdk.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200;
            }
            case "jdk-httpclient-async" -> {
                return jdk.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).get(30, TimeUnit.SECONDS).statusCode() == 200;
            }
            case "jdk-urlconnection" -> {
                HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
                c.setConnectTimeout(5000);
                c.setReadTimeout(30000);
                int status = c.getResponseCode();
                try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                    if (in != null) {
                        in.readAllBytes();
                    }
                }
                return status == 200;
            }
            case "apache-httpclient5" -> {
                return apache5.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(url), response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode() == 200;
                });
            }
            case "apache-httpclient5-async" -> {
                SimpleHttpRequest request = SimpleRequestBuilder.get(url).build();
                SimpleHttpResponse response = apache5Async.execute(request, null).get(30, TimeUnit.SECONDS);
                return response.getCode() == 200;
            }
            case "apache-httpclient4" -> {
                try (org.apache.http.client.methods.CloseableHttpResponse response =
                             apache4.execute(new org.apache.http.client.methods.HttpGet(url))) {
                    org.apache.http.util.EntityUtils.consume(response.getEntity());
                    return response.getStatusLine().getStatusCode() == 200;
                }
            }
            default -> throw new IOException("unknown client " + client);
        }
    }
}
