package io.httpsignals.agent;

import io.httpsignals.agent.config.AgentConfig;
import io.httpsignals.agent.config.AgentSettings;
import io.httpsignals.agent.install.HookInstaller;
import io.httpsignals.agent.install.HookReport;
import io.httpsignals.agent.install.LazyHooks;
import io.httpsignals.agent.listeners.ListenerCatalog;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.bootstrap.AgentLog;
import io.httpsignals.bootstrap.Dispatch;
import io.httpsignals.bootstrap.Redaction;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.support.WeakIdentityMap;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent inside the private core class loader, and its three commands: {@code attach} (at JVM start, or into a
 * running JVM; when the agent is already in, it only replaces the listeners and options), {@code detach} (stops the
 * listeners and restores the original bytecode) and {@code status}. Any failure is one line on stderr; the
 * application runs on regardless.
 *
 * <p>Each command returns its answer for the command line as {@code "<exit code>\n<text>"}; the lines the agent
 * warns while running it are part of the text, so the operator sees them and not only the target's stderr.
 */
public final class AgentStarter {

    /** How long a detach or a reconfiguration lets requests in flight finish with the listeners they began with. */
    private static final long IN_FLIGHT_GRACE_MILLIS = 2000;

    private static Instrumentation instrumentation;
    private static String agentJar;
    private static boolean loadedAtStart;
    private static Instant changedAt;
    private static AgentConfig config;
    private static HookReport hookReport;
    /** The installed hooks; {@code null} before the first attach and after a detach. */
    private static ClassFileTransformer hooks;
    private static boolean shutdownHookAdded;

    private AgentStarter() {
    }

    /**
     * Runs {@code command} ({@code attach} at JVM start too); {@code attached} says the agent came into a running JVM.
     */
    public static synchronized String command(Instrumentation inst, String command, String options,
                                              boolean attached, String jar) {
        List<String> warnings = new ArrayList<>();
        AgentLog.copyTo(warnings);
        try {
            if (instrumentation == null) {
                instrumentation = inst;
                agentJar = jar;
                loadedAtStart = !attached;
            }
            Answer answer = switch (command) {
                case "attach" -> attach(options, attached);
                case "detach" -> detach();
                case "status" -> new Answer(0, AgentStatus.describe(state()));
                default -> new Answer(2, "unknown command '" + command + "'; the agent knows attach, detach, status");
            };
            return answer.withWarnings(warnings);
        } catch (Throwable e) {
            AgentLog.warn("the agent failed to " + command + " (" + e + "); the application runs on");
            return new Answer(1, "httpsignals agent: " + command + " failed in pid " + pid()).withWarnings(warnings);
        } finally {
            AgentLog.stopCopying();
        }
    }

    /**
     * Starts the agent or replaces its listeners and options. Into a running JVM ({@code strict}) it is all or
     * nothing: unless every named listener starts, nothing changes and the previous listeners run on. At JVM start
     * the application gets whatever could start.
     */
    private static Answer attach(String options, boolean strict) {
        AgentConfig newConfig = AgentConfig.load(options, System.getProperties(), System.getenv());
        newConfig.problems().forEach(AgentLog::warn);
        ListenerCatalog catalog = ListenerCatalog.load(newConfig);
        catalog.checkSettings(newConfig);
        Map<String, HttpSignalListener<?>> listeners = catalog.createEnabled(newConfig);
        List<String> requested = newConfig.list(AgentSettings.LISTENERS);
        List<String> missing = new ArrayList<>(requested);
        missing.removeAll(listeners.keySet());
        if (requested.isEmpty() && !strict) {
            AgentLog.warn("no listener enabled, so no signal is emitted; set httpsignals.listeners (available: "
                    + String.join(", ", catalog.available().keySet()) + ")");
        }
        if (strict && (requested.isEmpty() || !missing.isEmpty())) {
            listeners.values().forEach(AgentStarter::closeQuietly);
            return new Answer(1, "httpsignals agent: nothing changed in pid " + pid() + ": "
                    + (requested.isEmpty() ? "no listener named (e.g. listeners=log)"
                            : "these listeners did not start: " + String.join(", ", missing))
                    + (hooks != null ? "; the previous listeners run on" : ""));
        }
        Redaction.configure(newConfig.list(AgentSettings.REDACT_HEADERS), newConfig.list(AgentSettings.REDACT_QUERY));
        boolean reconfigured = hooks != null;
        if (!reconfigured) {
            boolean debug = Boolean.parseBoolean(newConfig.get(AgentSettings.DEBUG, "false"));
            AgentLog.setDebug(debug);
            hookReport = new HookReport(debug);
            // at JVM start Byte Buddy waits for the first hooked class; in a running JVM the clients are loaded already
            hooks = !strict && loadedAtStart
                    ? LazyHooks.install(instrumentation, LazyHooks.modules(), hookReport,
                            "verify".equals(newConfig.get(AgentSettings.CACHE, "on")))
                    : HookInstaller.install(instrumentation, LazyHooks.modules(), hookReport);
        }
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(AgentStarter::stopListeners, "httpsignals-shutdown"));
            // per-object hook state of collected client objects goes even when no hook runs any more
            AgentThreads.every(1000, WeakIdentityMap::expungeAll);
            shutdownHookAdded = true;
        }
        config = newConfig;
        changedAt = Instant.now();
        retire(SignalBus.install(listeners));
        return new Answer(0, "httpsignals agent " + (reconfigured ? "reconfigured in" : "attached to") + " pid "
                + pid() + "\n"
                + "listeners: " + (listeners.isEmpty() ? "none" : String.join(", ", listeners.keySet())) + "\n"
                + "hooks: " + hookReport.installedHooks().size() + " installed, "
                + hookReport.skippedHooks().size() + " skipped (java -jar httpsignals-agent.jar status " + pid()
                + " lists them)");
    }

    private static void closeQuietly(HttpSignalListener<?> listener) {
        try {
            listener.close();
        } catch (Throwable e) {
            AgentLog.warn("a listener failed to close: " + e);
        }
    }

    private static Answer detach() {
        if (hooks == null) {
            return new Answer(1, "httpsignals agent is loaded in pid " + pid() + " but not attached (detached at "
                    + changedAt + "); nothing to detach");
        }
        Dispatch previous = SignalBus.install(Map.of());
        String listenerNames = names(previous);
        boolean drained = retire(previous);
        List<String> hooked = hookReport.installedHooks();
        boolean removed = HookInstaller.uninstall(instrumentation, hooks, LazyHooks.modules());
        hooks = null;
        changedAt = Instant.now();
        return new Answer(removed ? 0 : 1, "httpsignals agent detached from pid " + pid() + "\n"
                + "listeners stopped: " + (listenerNames.isEmpty() ? "none" : listenerNames)
                + (drained ? "" : " (some requests were still in flight; their signals end here)") + "\n"
                + (removed ? "hooks removed: " + hooked.size() + " (the original bytecode is restored)"
                        : "the hooks could not be removed; they stay inert while no listener is enabled"));
    }

    /** Lets the requests that started under {@code previous} end, then closes its listeners (flushing them). */
    private static boolean retire(Dispatch previous) {
        if (previous.slots().length == 0) {
            return true;
        }
        boolean drained = SignalBus.awaitInFlight(previous, IN_FLIGHT_GRACE_MILLIS);
        SignalBus.retire(previous);
        return drained;
    }

    private static String names(Dispatch dispatch) {
        List<String> names = new ArrayList<>();
        for (var slot : dispatch.slots()) {
            names.add(slot.name());
        }
        return String.join(", ", names);
    }

    private static AgentStatus.State state() {
        return new AgentStatus.State(pid(), agentJar, loadedAtStart, hooks != null, changedAt, config,
                LazyHooks.modules(), hookReport, SignalBus.current());
    }

    private static long pid() {
        return ProcessHandle.current().pid();
    }

    private static void stopListeners() {
        SignalBus.retire(SignalBus.install(Map.of()));
    }

    private record Answer(int exitCode, String text) {
        String withWarnings(List<String> warnings) {
            StringBuilder b = new StringBuilder().append(exitCode).append('\n').append(text);
            for (String warning : warnings) {
                b.append("\nwarning: ").append(warning);
            }
            return b.toString();
        }
    }
}
