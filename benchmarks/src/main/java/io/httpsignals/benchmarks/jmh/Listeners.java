package io.httpsignals.benchmarks.jmh;

import io.httpsignals.agent.listeners.BuiltInListenerProvider;
import io.httpsignals.agent.listeners.SimpleListenerOptions;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.bootstrap.SignalBus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** Enables listeners on the bus the way the agent does: by name, through the built-in providers. */
final class Listeners {

    private Listeners() {
    }

    static void installNoOps(int count) {
        Map<String, HttpSignalListener<?>> listeners = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            listeners.put("noop" + i, new NoOpListener());
        }
        SignalBus.install(listeners);
    }

    /** Creates the built-in listener {@code name}, or returns {@code null} if this build does not have it. */
    static HttpSignalListener<?> builtIn(String name, Map<String, String> options) throws Exception {
        for (BuiltInListenerProvider p : ServiceLoader.load(BuiltInListenerProvider.class)) {
            if (p.name().equals(name)) {
                return p.create(new SimpleListenerOptions(name, options));
            }
        }
        return null;
    }

    static void uninstall() {
        SignalBus.retire(SignalBus.install(Map.of()));
    }
}
