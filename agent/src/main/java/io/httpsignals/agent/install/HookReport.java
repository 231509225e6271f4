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

    public HookReport(boolean verbose) {
        this.verbose = verbose;
    }

    synchronized void installed(String typeName, String advice) {
        String key = typeName + " " + advice;
        if (installed.put(key, "installed") == null && verbose) {
            AgentLog.warn("hook " + advice + " installed in " + typeName);
        }
    }

    synchronized void skipped(String typeName, String advice, String reason) {
        String key = typeName + " " + advice;
        if (skipped.put(key, reason) == null) {
            AgentLog.warn("hook " + advice + " skipped for " + typeName + ": " + reason
                    + " (runtime " + Runtime.version() + "); the signals of the other hooks still work");
        }
    }

    synchronized void failed(String typeName, Throwable error) {
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
