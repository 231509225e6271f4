package io.httpsignals.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port helpers for loopback tests. */
public final class Ports {

    private Ports() {
    }

    /**
     * A port on 127.0.0.1 that refuses connections: bound once to get a free ephemeral port, then closed. Another
     * process could grab it in between, which is unlikely enough for tests.
     */
    public static int refused() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
