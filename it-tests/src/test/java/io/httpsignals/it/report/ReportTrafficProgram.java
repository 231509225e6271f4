package io.httpsignals.it.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Child program: a handful of JDK HttpClient requests of different shapes (plain, reused connection, redirect,
 * server error, slow, refused) for the report to draw. Args: base URL of the loopback server, a refused port.
 */
public final class ReportTrafficProgram {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int refused = Integer.parseInt(args[1]);
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        for (String path : new String[] {"/hello", "/hello", "/redirect/302?to=/hello", "/status/500",
                "/slow?ms=60", "/bytes?n=100000&chunked=true"}) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer s3cr3t-token").build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println(path + " " + response.statusCode());
        }
        try {
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + refused + "/refused")).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("refused: answered?");
        } catch (java.io.IOException expected) {
            System.out.println("refused: " + expected.getClass().getSimpleName());
        }
    }
}
