package io.httpsignals.it.apps;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Apache HttpClient 5.x async scenarios over HTTP/1.1 (API present from 5.2 on). Args: httpPort. Prints
 * {@code ok <scenario>}.
 */
public final class Apache5AsyncApp {

    public static void main(String[] args) throws Exception {
        String base = "http://127.0.0.1:" + Integer.parseInt(args[0]);
        try (CloseableHttpAsyncClient client = client(5)) {
            check(client.execute(SimpleRequestBuilder.get(base + "/hello?s=async-get").build(), null).get());
            check(client.execute(SimpleRequestBuilder.post(base + "/echo?s=async-post")
                    .setBody("ping-body", ContentType.TEXT_PLAIN).build(), null).get());
            check(client.execute(SimpleRequestBuilder.get(base + "/redirect-chain/2?s=async-redirect").build(), null)
                    .get());
            System.out.println("ok async");
        }
        try (CloseableHttpAsyncClient client = client(2)) {
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

    private static CloseableHttpAsyncClient client(int maxPerRoute) {
        CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(maxPerRoute).setMaxConnTotal(maxPerRoute).build())
                .build();
        client.start();
        return client;
    }

    private static void check(SimpleHttpResponse response) {
        if (response.getCode() != 200) {
            throw new IllegalStateException("status " + response.getCode());
        }
    }
}
