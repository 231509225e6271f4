package io.httpsignals.agent;

import io.httpsignals.agent.config.AgentConfig;
import io.httpsignals.agent.config.AgentSettings;
import io.httpsignals.agent.install.HookInstaller;
import io.httpsignals.agent.install.HookReport;
import io.httpsignals.agent.listeners.ListenerCatalog;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.bootstrap.AgentLog;
import io.httpsignals.bootstrap.Dispatch;
import io.httpsignals.bootstrap.Redaction;
import io.httpsignals.bootstrap.SignalBus;

import java.lang.instrument.Instrumentation;
import java.util.Map;

/**
 * Starts the agent inside the private core class loader: reads the settings, creates the enabled listeners,
 * installs the hooks, and closes the listeners at JVM exit. Any failure is one line on stderr; the application
 * starts regardless.
 */
public final class AgentStarter {

    private static boolean started;

    private AgentStarter() {
    }

    public static synchronized void start(Instrumentation inst, String agentArgs, boolean attached, String agentJar) {
        try {
            AgentConfig config = AgentConfig.load(agentArgs, System.getProperties(), System.getenv());
            config.problems().forEach(AgentLog::warn);
            Redaction.configure(config.list(AgentSettings.REDACT_HEADERS), config.list(AgentSettings.REDACT_QUERY));

            ListenerCatalog catalog = ListenerCatalog.load(config);
            catalog.checkSettings(config);
            Map<String, HttpSignalListener<?>> listeners = catalog.createEnabled(config);
            if (config.list(AgentSettings.LISTENERS).isEmpty()) {
                AgentLog.warn("no listener enabled, so no signal is emitted; set httpsignals.listeners (available: "
                        + String.join(", ", catalog.available().keySet()) + ")");
            }
            if (!started) {
                HookReport report = new HookReport(Boolean.parseBoolean(config.get(AgentSettings.DEBUG, "false")));
                if (attached) {
                    HookInstaller.install(inst, HookInstaller.modules(), report);
                } else {
                    HookInstaller.installLazily(inst, HookInstaller.modules(), report);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(AgentStarter::stopListeners, "httpsignals-shutdown"));
                started = true;
            }
            Dispatch previous = SignalBus.install(listeners);
            if (previous.slots().length != 0) {
                SignalBus.retire(previous);
            }
        } catch (Throwable e) {
            AgentLog.warn("the agent failed to start (" + e + "); the application runs without signals");
        }
    }

    private static void stopListeners() {
        SignalBus.retire(SignalBus.install(Map.of()));
    }
}
