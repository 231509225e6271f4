package io.httpsignals.agent.listeners.console;

import io.httpsignals.agent.listeners.PhaseTrackingListener;
import io.httpsignals.agent.listeners.RequestPhases;
import io.httpsignals.bootstrap.AgentLog;
import io.httpsignals.api.RequestTrace;

import java.io.IOException;
import java.io.Writer;

/** The {@code console} listener: one human-readable line per finished request (see {@link ConsoleLine}). */
final class ConsoleListener extends PhaseTrackingListener<RequestPhases> {

    private static final ThreadLocal<StringBuilder> LINE = ThreadLocal.withInitial(() -> new StringBuilder(256));

    private final Writer out;
    private final boolean ownsOut;
    private volatile boolean failed;

    ConsoleListener(Writer out, boolean ownsOut) {
        this.out = out;
        this.ownsOut = ownsOut;
    }

    @Override
    public RequestPhases newContext(RequestTrace trace) {
        return new RequestPhases();
    }

    @Override
    protected void finished(RequestTrace trace, RequestPhases phases, Throwable error) {
        StringBuilder b = LINE.get();
        b.setLength(0);
        ConsoleLine.format(b, trace, phases, error);
        b.append('\n');
        write(b);
    }

    private void write(StringBuilder line) {
        if (failed) {
            return;
        }
        try {
            // a line is read by people as it happens, so it is flushed at once
            synchronized (out) {
                out.append(line);
                out.flush();
            }
        } catch (IOException e) {
            failed = true;
            AgentLog.warn("console listener stopped: cannot write (" + e + ")");
        }
    }

    @Override
    public void close() {
        try {
            synchronized (out) {
                if (ownsOut) {
                    out.close();
                } else {
                    out.flush();
                }
            }
        } catch (IOException ignored) {
            // closing at exit: nothing left to tell
        }
    }
}
