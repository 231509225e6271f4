package io.httpsignals.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads one output stream of a child process on its own thread. Both streams must be drained concurrently:
 * a child that fills the pipe buffer of the stream nobody reads blocks forever.
 */
final class StreamDrainer {

    private final StringBuilder text = new StringBuilder();
    private final Thread thread;

    StreamDrainer(InputStream in, String threadName) {
        thread = new Thread(() -> drain(in), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void drain(InputStream in) {
        char[] buf = new char[8192];
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) >= 0) {
                synchronized (text) {
                    text.append(buf, 0, n);
                    text.notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process was destroyed; what was read so far stays available
        }
    }

    String soFar() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** Waits until the text read so far contains {@code needle}; false on timeout. */
    boolean awaitContains(String needle, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (text) {
            while (text.indexOf(needle) < 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0 || !thread.isAlive() && text.indexOf(needle) < 0) {
                    return text.indexOf(needle) >= 0;
                }
                text.wait(Math.min(left, 50));
            }
            return true;
        }
    }

    /** Waits for end of stream, so that output written just before exit is not lost. */
    void awaitEnd(long timeoutMillis) throws InterruptedException {
        thread.join(timeoutMillis);
    }
}
