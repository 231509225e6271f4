package io.httpsignals.agent.listeners;

import io.httpsignals.api.ListenerOptions;

import java.util.Map;

/** {@link ListenerOptions} over a map. */
public final class SimpleListenerOptions implements ListenerOptions {

    private final String listenerName;
    private final Map<String, String> options;

    public SimpleListenerOptions(String listenerName, Map<String, String> options) {
        this.listenerName = listenerName;
        this.options = Map.copyOf(options);
    }

    @Override
    public String listenerName() {
        return listenerName;
    }

    @Override
    public String get(String key) {
        return options.get(key);
    }

    @Override
    public Map<String, String> asMap() {
        return options;
    }
}
