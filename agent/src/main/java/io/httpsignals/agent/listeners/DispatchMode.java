package io.httpsignals.agent.listeners;

import io.httpsignals.agent.config.AgentConfig;
import io.httpsignals.agent.config.AgentSettings;
import io.httpsignals.agent.dispatch.AsyncListener;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.bootstrap.AgentLog;

/** How each listener receives its signals: {@code httpsignals.dispatch} = {@code sync}, {@code async} or {@code auto}. */
final class DispatchMode {

    private final String mode;
    private final int queueCapacity;
    private final long flushMillis;

    private DispatchMode(String mode, int queueCapacity, long flushMillis) {
        this.mode = mode;
        this.queueCapacity = queueCapacity;
        this.flushMillis = flushMillis;
    }

    static DispatchMode of(AgentConfig config) {
        String mode = config.get(AgentSettings.DISPATCH, "auto");
        if (!mode.equals("sync") && !mode.equals("async") && !mode.equals("auto")) {
            AgentLog.warn("httpsignals.dispatch=" + mode + " is not one of sync, async, auto; using auto");
            mode = "auto";
        }
        return new DispatchMode(mode, positive(config, AgentSettings.DISPATCH_QUEUE, 16_384),
                positive(config, AgentSettings.DISPATCH_FLUSH_MS, 2_000));
    }

    boolean async(HttpSignalListenerProvider provider, ListenerOptions options) {
        return switch (mode) {
            case "sync" -> false;
            case "async" -> true;
            default -> !(provider instanceof BuiltInListenerProvider builtIn) || builtIn.prefersAsyncDispatch(options);
        };
    }

    HttpSignalListener<?> wrap(String name, HttpSignalListener<?> listener) {
        return new AsyncListener(name, listener, queueCapacity, flushMillis);
    }

    private static int positive(AgentConfig config, String key, int defaultValue) {
        String value = config.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        AgentLog.warn("httpsignals." + key + "=" + value + " is not a positive whole number; using " + defaultValue);
        return defaultValue;
    }
}
