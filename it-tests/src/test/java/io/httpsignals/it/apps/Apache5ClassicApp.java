package io.httpsignals.it.apps;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.Timeout;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Apache HttpClient 5.x classic scenarios, one after the other, each with a fresh client so its pool starts empty.
 * Uses only API present from 5.2 on. Args: httpPort httpsPort refusedPort closingPort. Prints {@code ok <scenario>}.
 */
public final class Apache5ClassicApp {

    public static void main(String[] args) throws Exception {
        int http = Integer.parseInt(args[0]);
        int https = Integer.parseInt(args[1]);
        int refused = Integer.parseInt(args[2]);
        int closing = Integer.parseInt(args[3]);
        String base = "http://127.0.0.1:" + http;

        try (CloseableHttpClient client = HttpClients.createMinimal()) {
            // no exec chain: no redirects, no retries, no protocol interceptors
            get(client, base + "/hello?s=minimal-get");
            HttpPost post = new HttpPost(base + "/echo?s=minimal-post");
            post.setEntity(new StringEntity("ping-body", ContentType.TEXT_PLAIN));
            try (CloseableHttpResponse response = client.execute(post)) {
                EntityUtils.consume(response.getEntity());
            }
            System.out.println(elapsed() + " ok minimal");
        }
        try (CloseableHttpClient client = client(PoolConcurrencyPolicy.STRICT, 5, null, 30_000)) {
            get(client, base + "/hello?s=http-get");
            HttpPost post = new HttpPost(base + "/echo?s=http-post");
            post.setEntity(new StringEntity("ping-body", ContentType.TEXT_PLAIN));
            try (CloseableHttpResponse response = client.execute(post)) {
                EntityUtils.consume(response.getEntity());
            }
            System.out.println(elapsed() + " ok http");
        }
        try (CloseableHttpClient client = client(PoolConcurrencyPolicy.STRICT, 5, null, 30_000)) {
            get(client, "https://localhost:" + https + "/hello?s=https");
            System.out.println(elapsed() + " ok https");
        }
        try (CloseableHttpClient client = client(PoolConcurrencyPolicy.STRICT, 5, null, 30_000)) {
            get(client, base + "/redirect-chain/2?s=redirect");
            System.out.println(elapsed() + " ok redirect");
        }
        try (CloseableHttpClient client = client(PoolConcurrencyPolicy.STRICT, 5, null, 30_000)) {
            expectFailure(client, "http://127.0.0.1:" + refused + "/hello?s=refused", "refused");
            expectFailure(client, "http://no-such-host.invalid:" + http + "/hello?s=unknown-host", "unknown-host");
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
        try (CloseableHttpClient client = client(PoolConcurrencyPolicy.STRICT, 5, custom, 30_000)) {
            get(client, "http://custom-dns.test:" + http + "/hello?s=custom-dns");
            System.out.println(elapsed() + " ok custom-dns");
        }
        try (CloseableHttpClient client = client(PoolConcurrencyPolicy.STRICT, 1, null, 300)) {
            // the only connection stays leased while the response is open: the next lease queues and times out
            try (CloseableHttpResponse held = client.execute(new HttpGet(base + "/hello?s=lease-holder"))) {
                expectFailure(client, base + "/hello?s=lease-timeout", "lease-timeout");
                EntityUtils.consume(held.getEntity());
            }
        }
        try (CloseableHttpClient client = client(PoolConcurrencyPolicy.STRICT, 5, null, 30_000)) {
            // the server closes each connection after one response: the second request finds it dead and retries
            get(client, "http://127.0.0.1:" + closing + "/hello?s=retry-first");
            Thread.sleep(200);
            get(client, "http://127.0.0.1:" + closing + "/hello?s=retry-second");
            System.out.println(elapsed() + " ok retry");
        }
        pool(base, PoolConcurrencyPolicy.STRICT);
        pool(base, PoolConcurrencyPolicy.LAX);
        PoolConcurrencyPolicy offLock = offLockPolicy();
        if (offLock != null) {
            pool(base, offLock);
        } else {
            System.out.println(elapsed() + " skipped pool-offlock (this httpcore5 has no route-segmented pool)");
        }
    }

    /** The route-segmented pool's policy, which httpcore5 has since 5.4 (looked up by name so 5.2 still runs). */
    private static PoolConcurrencyPolicy offLockPolicy() {
        try {
            return PoolConcurrencyPolicy.valueOf("OFFLOCK");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void pool(String base, PoolConcurrencyPolicy policy) throws Exception {
        String tag = policy.name().toLowerCase();
        try (CloseableHttpClient client = client(policy, 2, null, 30_000)) {
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        get(client, base + "/slow?ms=20&pool=" + tag + "&n=" + thread + "-" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            threads.shutdown();
            System.out.println(elapsed() + " ok pool-" + tag);
        }
    }

    private static CloseableHttpClient client(PoolConcurrencyPolicy policy, int maxPerRoute, DnsResolver dns,
                                              long leaseTimeoutMillis) {
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .useSystemProperties()
                .setPoolConcurrencyPolicy(policy)
                .setMaxConnPerRoute(maxPerRoute)
                .setMaxConnTotal(maxPerRoute);
        if (dns != null) {
            pool.setDnsResolver(dns);
        }
        PoolingHttpClientConnectionManager manager = pool.build();
        return HttpClients.custom()
                .useSystemProperties()
                .setConnectionManager(manager)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(leaseTimeoutMillis)).build())
                .build();
    }

    private static final long START = System.nanoTime();

    private static String elapsed() {
        return String.format("%6d ms", (System.nanoTime() - START) / 1_000_000);
    }

    private static void get(CloseableHttpClient client, String url) throws Exception {
        try (CloseableHttpResponse response = client.execute(new HttpGet(url))) {
            EntityUtils.toString(response.getEntity());
        }
    }

    private static void expectFailure(CloseableHttpClient client, String url, String scenario) {
        try (CloseableHttpResponse response = client.execute(new HttpGet(url))) {
            throw new IllegalStateException(scenario + ": expected a failure, got " + response.getCode());
        } catch (java.io.IOException e) {
            System.out.println(elapsed() + " ok " + scenario + " " + e.getClass().getName());
        }
    }
}
