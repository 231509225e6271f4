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

    /*
     * Stderr is written line by line, so it goes through the queue. A file is not: its sink only appends to memory
     * on the request's thread (the scheduler writes it out), so synchronous dispatch never blocks a request on disk
     * I/O, and it keeps every request whole when the CPU is saturated, where one draining thread competing with
     * many request threads falls behind and a bounded queue must drop signals.
     */
    @Override
    public boolean prefersAsyncDispatch(ListenerOptions options) {
        String file = options.get("file");
        return file == null || file.isBlank();
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
