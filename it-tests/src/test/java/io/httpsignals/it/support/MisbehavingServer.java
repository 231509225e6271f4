package io.httpsignals.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server on 127.0.0.1 that breaks the protocol on purpose, to provoke exception, timeout and
 * retry signals. It answers every request the same way, whatever the path.
 */
public final class MisbehavingServer implements AutoCloseable {

    public enum Mode {
        /** Headers with Content-Length 1000, 10 body bytes, then a TCP reset (SO_LINGER 0). */
        RESET_MID_BODY,
        /** Status line {@code HTTP/1.1 abc}, then close. */
        MALFORMED_STATUS_LINE,
        /** Reads the request and never answers; the connection stays open until the server closes. */
        NEVER_ANSWERS,
        /**
         * Answers the first request on a connection with a keep-alive 200 "hello", then closes the connection.
         * A client that pools it finds it stale on reuse.
         */
        CLOSE_AFTER_FIRST_RESPONSE
    }

    private final Mode mode;
    private final ServerSocket serverSocket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requestHeads = new ArrayList<>();
    private volatile boolean closed;

    private MisbehavingServer(Mode mode) {
        this.mode = mode;
        try {
            serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "misbehaving-" + mode + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static MisbehavingServer start(Mode mode) {
        return new MisbehavingServer(mode);
    }

    public Mode mode() {
        return mode;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** How many connections were accepted so far. */
    public int connectionCount() {
        return connections.get();
    }

    /** The raw request heads (request line and headers) received so far. */
    public List<String> requestHeads() {
        synchronized (requestHeads) {
            return new ArrayList<>(requestHeads);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.incrementAndGet();
            open.add(socket);
            Thread t = new Thread(() -> serve(socket), "misbehaving-" + mode + "-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            synchronized (requestHeads) {
                requestHeads.add(head);
            }
            switch (mode) {
                case RESET_MID_BODY -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: 1000\r\n\r\n0123456789"));
                    out.flush();
                    sleep(50); // let the client read the headers and start on the body
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
                case MALFORMED_STATUS_LINE -> {
                    out.write(ascii("HTTP/1.1 abc\r\n\r\n"));
                    out.flush();
                    socket.close();
                }
                case NEVER_ANSWERS -> {
                    // keep reading so the client's writes never block; end when the client or close() ends it
                    byte[] buf = new byte[4096];
                    while (in.read(buf) >= 0) {
                        // discard
                    }
                }
                case CLOSE_AFTER_FIRST_RESPONSE -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                            + "Connection: keep-alive\r\nKeep-Alive: timeout=60\r\n\r\nhello"));
                    out.flush();
                    sleep(20); // idle for a moment, as a server whose keep-alive timer fires would be
                    socket.close();
                }
                default -> throw new IllegalStateException(mode.toString());
            }
        } catch (IOException e) {
            // the client went away or close() ran: expected with these modes
        } finally {
            open.remove(socket);
            closeQuietly(socket);
        }
    }

    /** Reads up to the blank line that ends the request head (a request body, if any, is left unread). */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0; // how much of \r\n\r\n was matched
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            state = switch (state) {
                case 0, 2 -> b == '\r' ? state + 1 : 0;
                case 1, 3 -> b == '\n' ? state + 1 : (b == '\r' ? 1 : 0);
                default -> 0;
            };
            if (state == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > 64 * 1024) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
