package io.httpsignals.agent.listeners;

import io.httpsignals.agent.config.AgentConfig;
import io.httpsignals.agent.config.AgentSettings;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.bootstrap.AgentLog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every listener the operator can enable by name: the built-in ones (found by {@link ServiceLoader} in the agent's
 * own loader) and those of plugin jars. Creates the enabled ones and checks the settings that name them.
 */
public final class ListenerCatalog {

    private final Map<String, HttpSignalListenerProvider> providers = new TreeMap<>();
    private final Map<String, String> origins = new TreeMap<>();

    public static ListenerCatalog load(AgentConfig config) {
        ListenerCatalog catalog = new ListenerCatalog();
        for (BuiltInListenerProvider p : ServiceLoader.load(BuiltInListenerProvider.class,
                ListenerCatalog.class.getClassLoader())) {
            catalog.add(p, "built-in");
        }
        for (PluginLoader.PluginProvider p : PluginLoader.load(config.list(AgentSettings.PLUGINS))) {
            catalog.add(p.provider(), p.jar().toString());
        }
        return catalog;
    }

    private void add(HttpSignalListenerProvider provider, String origin) {
        String name;
        try {
            name = provider.name();
        } catch (Throwable e) {
            AgentLog.warn("listener provider " + provider.getClass().getName() + " from " + origin
                    + " failed to tell its name (" + e + "); it is skipped");
            return;
        }
        if (providers.containsKey(name)) {
            AgentLog.warn("listener '" + name + "' from " + origin + " is ignored: " + origins.get(name)
                    + " already provides a listener of that name");
            return;
        }
        providers.put(name, provider);
        origins.put(name, origin);
    }

    public Map<String, String> available() {
        return origins;
    }

    /** Creates the listeners named in {@code httpsignals.listeners}, in that order; a failing one is skipped. */
    public Map<String, HttpSignalListener<?>> createEnabled(AgentConfig config) {
        Map<String, HttpSignalListener<?>> enabled = new LinkedHashMap<>();
        DispatchMode dispatch = DispatchMode.of(config);
        for (String name : config.list(AgentSettings.LISTENERS)) {
            HttpSignalListenerProvider provider = providers.get(name);
            if (provider == null) {
                AgentLog.warn("unknown listener '" + name + "' in httpsignals.listeners; available: "
                        + String.join(", ", providers.keySet())
                        + " (plugin listeners need their jar in httpsignals.plugins)");
                continue;
            }
            if (enabled.containsKey(name)) {
                continue;
            }
            try {
                ListenerOptions options = new SimpleListenerOptions(name, config.optionsOf(name));
                HttpSignalListener<?> listener = provider.create(options);
                if (listener != null) {
                    enabled.put(name, dispatch.async(provider, options) ? dispatch.wrap(name, listener) : listener);
                }
            } catch (Throwable e) {
                AgentLog.warn("listener '" + name + "' (" + origins.get(name) + ") failed to start: " + e
                        + "; the other listeners run on");
            }
        }
        return enabled;
    }

    /** Reports settings that name nothing: a typo there would otherwise silently do nothing. */
    public void checkSettings(AgentConfig config) {
        for (String key : config.asMap().keySet()) {
            if (AgentSettings.KEYS.contains(key)) {
                continue;
            }
            int dot = key.indexOf('.');
            String owner = dot < 0 ? key : key.substring(0, dot);
            HttpSignalListenerProvider provider = providers.get(owner);
            if (provider == null) {
                AgentLog.warn("unknown setting httpsignals." + key + "; accepted: "
                        + String.join(", ", new java.util.TreeSet<>(AgentSettings.KEYS))
                        + " and <listener>.<option> for the listeners " + String.join(", ", providers.keySet()));
            } else if (provider instanceof BuiltInListenerProvider && dot > 0
                    && !((BuiltInListenerProvider) provider).optionKeys().contains(key.substring(dot + 1))) {
                AgentLog.warn("unknown setting httpsignals." + key + "; the " + owner + " listener accepts: "
                        + String.join(", ", new java.util.TreeSet<>(
                                ((BuiltInListenerProvider) provider).optionKeys())));
            }
        }
    }

}
