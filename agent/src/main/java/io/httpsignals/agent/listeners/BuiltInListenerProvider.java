package io.httpsignals.agent.listeners;

import io.httpsignals.api.HttpSignalListenerProvider;

import java.util.Set;

/** A listener shipped inside the agent; unlike a plugin it declares its options, so typos are reported. */
public interface BuiltInListenerProvider extends HttpSignalListenerProvider {

    /** The option keys this listener accepts (without {@code httpsignals.<name>.}). */
    Set<String> optionKeys();

    /**
     * Whether, under {@code httpsignals.dispatch=auto} (the default), this listener gets its signals through a
     * queue on a daemon thread: true for listeners that do I/O. Plugin listeners always do under {@code auto}.
     */
    default boolean prefersAsyncDispatch() {
        return false;
    }
}
