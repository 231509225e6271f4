package io.httpsignals.it.apps;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.util.Timeout;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Apache HttpClient 5.x async scenarios over HTTP/1.1 (API present from 5.2 on), each with a fresh client so its
 * pool starts empty. Args: httpPort httpsPort refusedPort closingPort resettingPort. Prints {@code ok <scenario>}.
 */
public final class Apache5AsyncApp {

    public static void main(String[] args) throws Exception {
        int http = Integer.parseInt(args[0]);
        int https = Integer.parseInt(args[1]);
        int refused = Integer.parseInt(args[2]);
        int closing = Integer.parseInt(args[3]);
        int resetting = Integer.parseInt(args[4]);
        String base = "http://127.0.0.1:" + http;
        try (CloseableHttpAsyncClient client = client(5, null, 30_000)) {
            check(client.execute(SimpleRequestBuilder.get(base + "/hello?s=async-get").build(), null).get());
            check(client.execute(SimpleRequestBuilder.post(base + "/echo?s=async-post")
                    .setBody("ping-body", ContentType.TEXT_PLAIN).build(), null).get());
            check(client.execute(SimpleRequestBuilder.get(base + "/redirect-chain/2?s=async-redirect").build(), null)
                    .get());
            System.out.println("ok async");
        }
        try (CloseableHttpAsyncClient client = client(5, null, 30_000)) {
            check(client.execute(SimpleRequestBuilder.get("https://localhost:" + https + "/hello?s=async-https")
                    .build(), null).get());
            System.out.println("ok async-https");
        }
        try (CloseableHttpAsyncClient client = client(5, null, 30_000)) {
            expectFailure(client, "http://127.0.0.1:" + refused + "/hello?s=async-refused", "refused");
            expectFailure(client, "http://no-such-host.invalid:" + http + "/hello?s=async-unknown-host",
                    "unknown-host");
        }
        DnsResolver custom = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        try (CloseableHttpAsyncClient client = client(5, custom, 30_000)) {
            check(client.execute(SimpleRequestBuilder.get("http://custom-dns.test:" + http
                    + "/hello?s=async-custom-dns").build(), null).get());
            System.out.println("ok async-custom-dns");
        }
        try (CloseableHttpAsyncClient client = client(1, null, 300)) {
            // the only connection stays leased for the slow response: the next lease queues and times out
            Future<SimpleHttpResponse> holder = client.execute(SimpleRequestBuilder.get(base
                    + "/slow?ms=1500&s=async-lease-holder").build(), null);
            Thread.sleep(200);
            expectFailure(client, base + "/hello?s=async-lease-timeout", "lease-timeout");
            check(holder.get());
        }
        try (CloseableHttpAsyncClient client = client(5, null, 30_000)) {
            // the server closes each connection after one response
            check(client.execute(SimpleRequestBuilder.get("http://127.0.0.1:" + closing
                    + "/hello?s=async-retry-first").build(), null).get());
            Thread.sleep(200);
            check(client.execute(SimpleRequestBuilder.get("http://127.0.0.1:" + closing
                    + "/hello?s=async-retry-second").build(), null).get());
            System.out.println("ok async-retry");
        }
        try (CloseableHttpAsyncClient client = client(5, null, 30_000)) {
            // the server resets the connection in the middle of the body: the default strategy retries once
            expectFailure(client, "http://127.0.0.1:" + resetting + "/hello?s=async-reset", "reset");
        }
        try (CloseableHttpAsyncClient client = client(2, null, 30_000)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        check(client.execute(SimpleRequestBuilder
                                .get(base + "/slow?ms=20&pool=async&n=" + thread + "-" + i).build(), null).get());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            threads.shutdown();
            System.out.println("ok pool-async");
        }
    }

    private static CloseableHttpAsyncClient client(int maxPerRoute, DnsResolver dns, long leaseTimeoutMillis) {
        PoolingAsyncClientConnectionManagerBuilder pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .useSystemProperties()
                .setMaxConnPerRoute(maxPerRoute)
                .setMaxConnTotal(maxPerRoute);
        if (dns != null) {
            pool.setDnsResolver(dns);
        }
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .useSystemProperties()
                .setConnectionManager(pool.build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(leaseTimeoutMillis)).build())
                .build();
        client.start();
        return client;
    }

    private static void expectFailure(CloseableHttpAsyncClient client, String url, String scenario)
            throws InterruptedException {
        try {
            SimpleHttpResponse response = client.execute(SimpleRequestBuilder.get(url).build(), null).get();
            throw new IllegalStateException(scenario + ": expected a failure, got " + response.getCode());
        } catch (ExecutionException e) {
            System.out.println("ok " + scenario + " " + e.getCause().getClass().getName());
        }
    }

    private static void check(SimpleHttpResponse response) {
        if (response.getCode() != 200) {
            throw new IllegalStateException("status " + response.getCode());
        }
    }
}
