package io.httpsignals.agent.listeners;

import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;

import java.util.Set;

/** A listener shipped inside the agent; unlike a plugin it declares its options, so typos are reported. */
public interface BuiltInListenerProvider extends HttpSignalListenerProvider {

    /** The option keys this listener accepts (without {@code httpsignals.<name>.}). */
    Set<String> optionKeys();

    /**
     * Whether, under {@code httpsignals.dispatch=auto} (the default), this listener, with these options, gets its
     * signals through a queue on a daemon thread: true where it would otherwise do blocking I/O on the request's
     * thread. Plugin listeners always do under {@code auto}.
     */
    default boolean prefersAsyncDispatch(ListenerOptions options) {
        return false;
    }
}
