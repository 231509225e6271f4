package io.httpsignals.it.attach;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server whose {@code /hold} answers (body {@code held}) only once the test calls {@link #release()}:
 * requests that are in flight for as long as the test wants, with no timing involved.
 */
final class HoldServer implements AutoCloseable {

    private final HttpServer server;
    private final CountDownLatch arrived;
    private final CountDownLatch released = new CountDownLatch(1);

    HoldServer(int expectedRequests) {
        arrived = new CountDownLatch(expectedRequests);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hold-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/hold", exchange -> {
            arrived.countDown();
            try {
                released.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "held".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hold";
    }

    /** Waits until every expected request is being held. */
    void awaitArrivals() throws InterruptedException {
        if (!arrived.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the held requests did not all arrive; still missing " + arrived.getCount());
        }
    }

    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
