package io.httpsignals.it.listeners.plugins;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;

/** Plugins that fail in each way the agent must survive. */
public final class BrokenPlugins {

    private BrokenPlugins() {
    }

    /** Its constructor throws, so ServiceLoader cannot instantiate it. */
    public static final class ThrowingProvider implements HttpSignalListenerProvider {
        public ThrowingProvider() {
            throw new IllegalStateException("no licence key configured");
        }

        @Override
        public String name() {
            return "never";
        }

        @Override
        public HttpSignalListener<?> create(ListenerOptions options) {
            return null;
        }
    }

    /** Found and named fine; its listener's constructor throws when the agent creates it. */
    public static final class ThrowingListenerProvider implements HttpSignalListenerProvider {
        @Override
        public String name() {
            return "thrower";
        }

        @Override
        public HttpSignalListener<?> create(ListenerOptions options) {
            return new ThrowingListener();
        }
    }

    public static final class ThrowingListener implements HttpSignalListener<Void> {
        public ThrowingListener() {
            throw new IllegalStateException("cannot reach the collector");
        }
    }
}
