package io.httpsignals.agent.listeners.log;

import io.httpsignals.agent.listeners.BuiltInListenerProvider;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.ListenerOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** {@code log}: JSON lines to {@code httpsignals.log.file}, or to stderr when it is not set. */
public final class LogListenerProvider implements BuiltInListenerProvider {

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of("file");
    }

    // writing to a file must never block a request on disk I/O
    @Override
    public boolean prefersAsyncDispatch() {
        return true;
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) throws IOException {
        String file = options.get("file");
        LogListener listener;
        if (file == null || file.isBlank()) {
            listener = new LogListener(LineSink.toStderr(System.err));
        } else {
            Path path = Path.of(file);
            try {
                listener = new LogListener(LineSink.toFile(path));
            } catch (IOException e) {
                throw new IOException("cannot open httpsignals.log.file " + path + " (" + e
                        + "); point it at a writable file in an existing folder", e);
            }
        }
        return listener;
    }
}
