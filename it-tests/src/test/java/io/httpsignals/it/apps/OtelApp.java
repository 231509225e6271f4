package io.httpsignals.it.apps;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plain application for the OpenTelemetry plugin tests; it knows nothing of the agent. Commands, run in order:
 * {@code jdk URL}, {@code jdk-async URL}, {@code jdk-traced URL TRACEPARENT} (sends its own traceparent),
 * {@code jdk-fail URL}, {@code urlconnection URL}, {@code apache5 URL}: one GET each; {@code await-file PATH} prints
 * {@code waiting} and waits until the file exists. Prints one line per outcome.
 */
public final class OtelApp {

    public static void main(String[] args) throws Exception {
        HttpClient jdk = HttpClient.newHttpClient();
        try (CloseableHttpClient apache = HttpClients.createDefault()) {
            for (int i = 0; i < args.length; i++) {
                String command = args[i];
                switch (command) {
                    case "jdk" -> {
                        HttpResponse<String> r = jdk.send(HttpRequest.newBuilder(URI.create(args[++i])).build(),
                                HttpResponse.BodyHandlers.ofString());
                        System.out.println("jdk " + r.statusCode());
                    }
                    case "jdk-async" -> {
                        HttpResponse<String> r = jdk.sendAsync(HttpRequest.newBuilder(URI.create(args[++i])).build(),
                                HttpResponse.BodyHandlers.ofString()).get();
                        System.out.println("jdk-async " + r.statusCode());
                    }
                    case "jdk-traced" -> {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(args[++i]))
                                .header("traceparent", args[++i]).build();
                        System.out.println("jdk-traced "
                                + jdk.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
                    }
                    case "jdk-fail" -> {
                        try {
                            jdk.send(HttpRequest.newBuilder(URI.create(args[++i])).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            System.out.println("jdk-fail no-error");
                        } catch (IOException e) {
                            System.out.println("jdk-fail " + e.getClass().getName());
                        }
                    }
                    case "urlconnection" -> {
                        HttpURLConnection c = (HttpURLConnection) URI.create(args[++i]).toURL().openConnection();
                        try (InputStream in = c.getInputStream()) {
                            in.readAllBytes();
                        }
                        System.out.println("urlconnection " + c.getResponseCode());
                    }
                    case "apache5" -> {
                        int status = apache.execute(new HttpGet(args[++i]), response -> {
                            EntityUtils.consume(response.getEntity());
                            return response.getCode();
                        });
                        System.out.println("apache5 " + status);
                    }
                    case "await-file" -> {
                        Path file = Path.of(args[++i]);
                        System.out.println("waiting");
                        while (!Files.exists(file)) {
                            Thread.sleep(20);
                        }
                    }
                    default -> throw new IllegalArgumentException(command);
                }
            }
        }
    }
}
