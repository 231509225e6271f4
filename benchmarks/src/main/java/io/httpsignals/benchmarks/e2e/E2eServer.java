package io.httpsignals.benchmarks.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The end-to-end server: {@code GET /hello} answers 200 with a small fixed body on keep-alive connections. Runs in
 * its own JVM (without the agent) so its work never counts against a client configuration. Prints
 * {@code PORT <n>} once listening, then serves until killed.
 */
public final class E2eServer {

    private static final byte[] BODY =
            "{\"message\":\"hello from the httpsignals end-to-end server\",\"n\":42}\n".getBytes(StandardCharsets.UTF_8);

    private E2eServer() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        // headers and body go out in separate writes: without TCP_NODELAY, Nagle plus delayed ACK add 40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.createContext("/hello", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.start();
        System.out.println("PORT " + server.getAddress().getPort());
        System.out.flush();
    }
}
