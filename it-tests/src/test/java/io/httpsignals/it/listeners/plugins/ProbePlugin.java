package io.httpsignals.it.listeners.plugins;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestTrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code probe}: writes to {@code probe.file} the options it was given, which classes its loader can see, and
 * one line per finished request.
 */
public final class ProbePlugin implements HttpSignalListenerProvider {

    static final List<String> CLASSES = List.of(
            "io.httpsignals.api.RequestTrace",
            "io.httpsignals.bootstrap.SignalBus",
            "io.httpsignals.agent.AgentStarter",
            "io.httpsignals.it.listeners.ListenerApps",
            "com.example.httpsignals.SlowRequestsProvider");

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) throws IOException {
        Path file = Path.of(options.get("file"));
        StringBuilder b = new StringBuilder();
        b.append("options ").append(new TreeMap<>(options.asMap())).append('\n');
        for (String name : CLASSES) {
            boolean visible;
            try {
                Class.forName(name, false, ProbePlugin.class.getClassLoader());
                visible = true;
            } catch (ClassNotFoundException e) {
                visible = false;
            }
            b.append(visible ? "sees " : "hidden ").append(name).append('\n');
        }
        Files.writeString(file, b);
        return new HttpSignalListener<Void>() {
            @Override
            public void onRequestEnd(RequestTrace trace, Void context, long timeNanos, int status, long sent,
                                     long received) {
                try {
                    Files.writeString(file, "end " + status + " " + trace.url() + "\n", StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }
}
