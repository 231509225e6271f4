package io.httpsignals.agent.install;

import io.httpsignals.bootstrap.AgentLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which hooks were installed into which classes, and which were skipped and why. Each skip is printed once (a
 * missing method in this JDK or library version is worth one line, not one per class loader).
 */
public final class HookReport {

    private final Map<String, String> installed = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final boolean verbose;
    // what this thread reports while one class is transformed, for the woven-class cache to replay
    private final ThreadLocal<List<String[]>> capture = new ThreadLocal<>();

    public HookReport(boolean verbose) {
        this.verbose = verbose;
    }

    void startCapture() {
        capture.set(new ArrayList<>());
    }

    /** What was reported since {@link #startCapture}; {@code null} if a transformation failed (do not cache). */
    List<String[]> endCapture() {
        List<String[]> lines = capture.get();
        capture.remove();
        return lines;
    }

    private void record(String kind, String typeName, String advice, String reason) {
        List<String[]> lines = capture.get();
        if (lines != null) {
            lines.add(new String[] {kind, typeName, advice, reason});
        }
    }

    /** Reports again what a cached transformation reported. */
    void replay(List<String[]> lines) {
        for (String[] line : lines) {
            if (line[0].equals("installed")) {
                installed(line[1], line[2]);
            } else {
                skipped(line[1], line[2], line[3]);
            }
        }
    }

    synchronized void installed(String typeName, String advice) {
        record("installed", typeName, advice, "");
        String key = typeName + " " + advice;
        if (installed.put(key, "installed") == null && verbose) {
            AgentLog.warn("hook " + advice + " installed in " + typeName);
        }
    }

    synchronized void skipped(String typeName, String advice, String reason) {
        record("skipped", typeName, advice, reason);
        String key = typeName + " " + advice;
        if (skipped.put(key, reason) == null) {
            AgentLog.warn("hook " + advice + " skipped for " + typeName + ": " + reason
                    + " (runtime " + Runtime.version() + "); the signals of the other hooks still work");
        }
    }

    synchronized void failed(String typeName, Throwable error) {
        capture.remove();
        String key = typeName + " (transformation)";
        if (skipped.put(key, String.valueOf(error)) == null) {
            AgentLog.warn("could not instrument " + typeName + " (" + error
                    + "); that class runs unchanged, the others keep their hooks");
        }
    }

    public synchronized List<String> installedHooks() {
        return new ArrayList<>(installed.keySet());
    }

    public synchronized Map<String, String> skippedHooks() {
        return new LinkedHashMap<>(skipped);
    }
}
