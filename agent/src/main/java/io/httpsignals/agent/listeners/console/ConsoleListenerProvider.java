package io.httpsignals.agent.listeners.console;

import io.httpsignals.agent.listeners.BuiltInListenerProvider;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.ListenerOptions;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** {@code console}: a timing line per finished request on stderr, or appended to {@code httpsignals.console.file}. */
public final class ConsoleListenerProvider implements BuiltInListenerProvider {

    @Override
    public String name() {
        return "console";
    }

    // one write per request to stderr or a file: keep that I/O off the request path
    @Override
    public boolean prefersAsyncDispatch(ListenerOptions options) {
        return true;
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of("file");
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) throws IOException {
        String file = options.get("file");
        if (file == null || file.isBlank()) {
            return new ConsoleListener(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), false);
        }
        Path path = Path.of(file);
        try {
            Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new ConsoleListener(w, true);
        } catch (IOException e) {
            throw new IOException("cannot open httpsignals.console.file " + path + " (" + e
                    + "); point it at a writable file in an existing folder", e);
        }
    }
}
