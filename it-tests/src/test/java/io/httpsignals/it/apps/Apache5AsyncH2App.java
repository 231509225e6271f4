package io.httpsignals.it.apps;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Apache HttpClient 5.x async over HTTP/2, negotiated by ALPN through the default async client
 * ({@code HttpVersionPolicy.NEGOTIATE}). Args: jettyTlsPort. Prints {@code ok <scenario>}.
 */
public final class Apache5AsyncH2App {

    public static void main(String[] args) throws Exception {
        String base = "https://localhost:" + Integer.parseInt(args[0]);
        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .useSystemProperties()
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.NEGOTIATE).build())
                .setMessageMultiplexing(true)
                .build();
        try (CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                .useSystemProperties()
                .setConnectionManager(pool)
                .build()) {
            client.start();
            check(client.execute(SimpleRequestBuilder.get(base + "/hello?s=h2-first").build(), null).get());
            // the future completes just before the exchange gives the connection back to the pool: wait until it is
            // there, so that the next requests share it instead of racing to open their own
            while (pool.getTotalStats().getAvailable() == 0) {
                Thread.sleep(5);
            }
            List<Future<SimpleHttpResponse>> streams = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                streams.add(client.execute(SimpleRequestBuilder.get(base + "/slow?ms=100&h2=" + i).build(), null));
            }
            for (Future<SimpleHttpResponse> stream : streams) {
                check(stream.get());
            }
            System.out.println("ok h2");
        }
    }

    private static void check(SimpleHttpResponse response) {
        if (response.getCode() != 200) {
            throw new IllegalStateException("status " + response.getCode());
        }
    }
}
