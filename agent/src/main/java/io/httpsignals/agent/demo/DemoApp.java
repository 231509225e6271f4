package io.httpsignals.agent.demo;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The bundled demo: a small server on 127.0.0.1 and a few real requests to it (sync, async, an error status and a
 * refused connection), made by a program that knows nothing of the agent.
 */
public final class DemoApp {

    private DemoApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hello", exchange -> respond(exchange.getResponseBody(), exchange, 200, "hello\n"));
        server.createContext("/missing", exchange -> respond(exchange.getResponseBody(), exchange, 404, "no\n"));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> sync = client.send(HttpRequest.newBuilder(URI.create(base + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("demo: GET /hello -> " + sync.statusCode());
            CompletableFuture<HttpResponse<String>> async = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/missing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("demo: async GET /missing -> " + async.get().statusCode());
            try {
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/refused")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                System.out.println("demo: GET http://127.0.0.1:1/refused -> " + e);
            }
        } finally {
            server.stop(0);
        }
    }

    private static void respond(OutputStream body, com.sun.net.httpserver.HttpExchange exchange, int status,
                                String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (body) {
            body.write(bytes);
        }
    }
}
