package io.httpsignals.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For attaching the agent to a running JVM: uses {@code HttpClient} first (its classes load unhooked and a
 * connection goes into the pool), prints {@code READY}, waits until the file {@code args[1]} exists (the test
 * attached the agent), then sends {@code s=attach-pooled} on the pooled connection and {@code s=attach-new} on a new
 * client. {@code args[0]} is the base URI of an HTTP/1.1 server.
 */
public final class JdkHttpAttachApp {

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        send(client, args[0] + "/hello?s=attach-before");
        System.out.println("READY");
        System.out.flush();
        Path go = Path.of(args[1]);
        for (int i = 0; i < 600 && !Files.exists(go); i++) {
            Thread.sleep(100);
        }
        send(client, args[0] + "/hello?s=attach-pooled");
        send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), args[0] + "/hello?s=attach-new");
        System.out.println("DONE");
        System.exit(0);
    }

    private static void send(HttpClient client, String uri) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("RESULT " + r.statusCode() + " " + r.body());
    }
}
