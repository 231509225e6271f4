package io.httpsignals.benchmarks.e2e;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The client kinds the harness drives, each set up for keep-alive with a pool at least as large as the threads. */
final class ClientKinds {

    static final List<String> ALL =
            List.of("jdk-sync", "jdk-async", "urlconnection", "apache5", "apache5-async", "apache4");

    /** One client instance, shared by all worker threads; {@link #get} makes one request and reads the body. */
    interface Client extends AutoCloseable {
        int get() throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    private ClientKinds() {
    }

    static Client create(String kind, URI uri, int threads) throws Exception {
        switch (kind) {
            case "jdk-sync": {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(uri).build();
                return () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
            }
            case "jdk-async": {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest request = HttpRequest.newBuilder(uri).build();
                return () -> client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).get().statusCode();
            }
            case "urlconnection": {
                System.setProperty("http.maxConnections", String.valueOf(Math.max(5, threads)));
                java.net.URL url = uri.toURL();
                return () -> {
                    HttpURLConnection c = (HttpURLConnection) url.openConnection();
                    int status = c.getResponseCode();
                    try (InputStream in = c.getInputStream()) {
                        in.readAllBytes();
                    }
                    return status;
                };
            }
            case "apache5": {
                org.apache.hc.client5.http.impl.classic.CloseableHttpClient client =
                        org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                        .setMaxConnPerRoute(threads).setMaxConnTotal(threads).build())
                                .build();
                return new Client() {
                    @Override
                    public int get() throws IOException {
                        return client.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(uri),
                                response -> {
                                    EntityUtils.consume(response.getEntity());
                                    return response.getCode();
                                });
                    }

                    @Override
                    public void close() throws IOException {
                        client.close();
                    }
                };
            }
            case "apache5-async": {
                CloseableHttpAsyncClient client = HttpAsyncClients.custom()
                        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                                .setMaxConnPerRoute(threads).setMaxConnTotal(threads).build())
                        .build();
                client.start();
                return new Client() {
                    @Override
                    public int get() throws Exception {
                        SimpleHttpResponse response = client.execute(SimpleRequestBuilder.get(uri).build(), null).get();
                        return response.getCode();
                    }

                    @Override
                    public void close() throws IOException {
                        client.close();
                    }
                };
            }
            case "apache4": {
                org.apache.http.impl.client.CloseableHttpClient client = org.apache.http.impl.client.HttpClients
                        .custom().setMaxConnPerRoute(threads).setMaxConnTotal(threads).build();
                return new Client() {
                    @Override
                    public int get() throws IOException {
                        try (org.apache.http.client.methods.CloseableHttpResponse response =
                                     client.execute(new org.apache.http.client.methods.HttpGet(uri))) {
                            org.apache.http.util.EntityUtils.consume(response.getEntity());
                            return response.getStatusLine().getStatusCode();
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        client.close();
                    }
                };
            }
            default:
                throw new IllegalArgumentException("unknown client kind " + kind + "; known: " + ALL);
        }
    }
}
