package io.httpsignals.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates a JDK HttpClient, says "ready", waits until the file {@code GO} exists, then sends one GET and prints
 * its status. Args: {@code URL GO}. For attaching between the client's creation and its first request.
 */
public final class IdleClientApp {

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        System.out.println("ready");
        System.out.flush();
        Path go = Path.of(args[1]);
        for (int i = 0; i < 600 && !Files.exists(go); i++) {
            Thread.sleep(100);
        }
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(args[0])).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("status " + r.statusCode());
    }
}
