package io.httpsignals.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 server on 127.0.0.1 (JDK {@code com.sun.net.httpserver}), plain or TLS, with keep-alive. One thread per
 * exchange so that {@code /slow} does not hold up other requests.
 */
public final class Http1Server implements TestServer {

    static {
        // the JDK server writes a response's head and body separately; with Nagle on, every keep-alive exchange
        // waits for the client's delayed ACK (~40 ms). Read once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final boolean tls;
    private final RequestJournal journal = new RequestJournal();

    private Http1Server(boolean tls) {
        this.tls = tls;
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (tls) {
                HttpsServer https = HttpsServer.create(address, 64);
                https.setHttpsConfigurator(new HttpsConfigurator(Certificates.get().serverSslContext()));
                server = https;
            } else {
                server = HttpServer.create(address, 64);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "http1-server-" + (tls ? "tls" : "plain"));
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Plain HTTP/1.1. */
    public static Http1Server start() {
        return new Http1Server(false);
    }

    /** HTTP/1.1 over TLS with the {@link Certificates} certificate. */
    public static Http1Server startTls() {
        return new Http1Server(true);
    }

    @Override
    public String scheme() {
        return tls ? "https" : "http";
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public List<RecordedRequest> requests() {
        return journal.snapshot();
    }

    @Override
    public void clearRequests() {
        journal.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            long bodyLength;
            // read the body fully: the JDK server closes the connection instead of reusing it otherwise
            try (InputStream in = exchange.getRequestBody()) {
                bodyLength = in.transferTo(OutputStream.nullOutputStream());
            }
            RecordedRequest req = new RecordedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getProtocol(), exchange.getRequestHeaders(), bodyLength);
            journal.add(req);
            Reply reply;
            try {
                reply = Routes.handle(req);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // server shutting down
            }
            reply.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            boolean body = reply.mayHaveBody() && !"HEAD".equals(req.method()) && reply.body().length > 0;
            if (!body) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else if (reply.chunked()) {
                exchange.sendResponseHeaders(reply.status(), 0); // 0 = chunked
                writeInPieces(exchange.getResponseBody(), reply.body());
            } else {
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                exchange.getResponseBody().write(reply.body());
            }
        } finally {
            exchange.close(); // HttpExchange is AutoCloseable only from JDK 18
        }
    }

    /** Several flushed writes, so that a chunked body really arrives as several chunks. */
    static void writeInPieces(OutputStream out, byte[] body) throws IOException {
        int piece = Math.max(1, Math.min(16 * 1024, (body.length + 3) / 4));
        for (int off = 0; off < body.length; off += piece) {
            out.write(body, off, Math.min(piece, body.length - off));
            out.flush();
        }
    }
}
