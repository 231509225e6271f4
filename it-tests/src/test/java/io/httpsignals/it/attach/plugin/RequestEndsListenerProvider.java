package io.httpsignals.it.attach.plugin;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestTrace;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plugin listener {@code ends} (option {@code ends.file}): one line {@code <status> <url>} per {@code request_end},
 * written at close. A second kind of listener for the tests to switch to by attaching again.
 */
public final class RequestEndsListenerProvider implements HttpSignalListenerProvider {

    @Override
    public String name() {
        return "ends";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        return new Ends(Path.of(options.get("file")));
    }

    static final class Ends implements HttpSignalListener<Void> {

        private final Path file;
        private final StringBuilder lines = new StringBuilder();

        Ends(Path file) {
            this.file = file;
        }

        @Override
        public synchronized void onRequestEnd(RequestTrace trace, Void context, long timeNanos, int status,
                                              long bytesSent, long bytesReceived) {
            lines.append(status).append(' ').append(trace.url()).append('\n');
        }

        @Override
        public synchronized void close() {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(lines.toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
