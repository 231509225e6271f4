package io.httpsignals.agent;

import io.httpsignals.agent.config.AgentConfig;
import io.httpsignals.agent.dispatch.AsyncListener;
import io.httpsignals.agent.install.HookReport;
import io.httpsignals.bootstrap.Dispatch;
import io.httpsignals.bootstrap.ListenerSlot;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.tooling.InstrumentationModule;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/** The text of {@code java -jar httpsignals-agent.jar status <pid>}: what the agent in a JVM is doing. */
final class AgentStatus {

    /** What the agent knows about itself when asked. */
    record State(long pid, String agentJar, boolean loadedAtStart, boolean attached, Instant since,
                 AgentConfig config, List<InstrumentationModule> modules, HookReport hooks, Dispatch dispatch) {
    }

    private AgentStatus() {
    }

    static String describe(State s) {
        List<String> lines = new ArrayList<>();
        lines.add("httpsignals agent " + version(s.agentJar()) + " in pid " + s.pid() + " (Java "
                + Runtime.version() + ")");
        lines.add("state: " + (s.attached() ? "attached" : "detached (hooks removed, listeners stopped)")
                + " since " + s.since() + (s.loadedAtStart() ? ", loaded at JVM start" : ", loaded into the "
                + "running JVM"));
        lines.add("agent jar: " + s.agentJar());
        lines.add("options: " + options(s.config()));
        List<String> listeners = new ArrayList<>();
        long errors = 0;
        for (ListenerSlot slot : s.dispatch().slots()) {
            listeners.add(slot.name() + " (" + slot.errors() + " errors)");
            errors += slot.errors();
        }
        lines.add("listeners: " + (listeners.isEmpty() ? "none" : String.join(", ", listeners)));
        List<String> moduleNames = new ArrayList<>();
        for (InstrumentationModule module : s.modules()) {
            moduleNames.add(module.name());
        }
        lines.add("instrumentation: " + String.join(", ", moduleNames)
                + " (a hook is installed when its class is loaded, so a client the application has not used yet"
                + " shows none)");
        List<String> installed = s.hooks() == null || !s.attached() ? List.of() : s.hooks().installedHooks();
        lines.add("hooks installed: " + installed.size());
        installed.forEach(hook -> lines.add("  " + hook));
        Map<String, String> skipped = s.hooks() == null || !s.attached() ? Map.of() : s.hooks().skippedHooks();
        lines.add("hooks skipped: " + skipped.size());
        skipped.forEach((hook, why) -> lines.add("  " + hook + ": " + why));
        lines.add("requests: " + SignalBus.requestCount() + ", signals: " + SignalBus.signalCount()
                + ", listener errors: " + errors + ", signals dropped by asynchronous dispatch: "
                + AsyncListener.droppedTotal() + " (since the agent was loaded)");
        return String.join("\n", lines);
    }

    private static String options(AgentConfig config) {
        if (config == null || config.asMap().isEmpty()) {
            return "none";
        }
        List<String> pairs = new ArrayList<>();
        config.asMap().forEach((key, value) -> pairs.add(key + "=" + value));
        return String.join("; ", pairs);
    }

    private static String version(String agentJar) {
        try (JarFile jar = new JarFile(agentJar)) {
            String version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
            return version == null ? "(unknown version)" : version;
        } catch (IOException | RuntimeException e) {
            return "(unknown version)";
        }
    }
}
