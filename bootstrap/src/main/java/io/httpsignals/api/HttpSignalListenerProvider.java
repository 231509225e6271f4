package io.httpsignals.api;

/**
 * Creates a listener; the service type that plugin jars register in
 * {@code META-INF/services/io.httpsignals.api.HttpSignalListenerProvider}.
 *
 * <p>A plugin jar named in {@code httpsignals.plugins} is loaded in its own class loader that sees this API and
 * nothing of the agent or the application. Its providers are found with {@link java.util.ServiceLoader}; a provider
 * is used only if the operator enables its {@link #name()} in {@code httpsignals.listeners}. A provider needs a
 * public no-argument constructor.
 */
public interface HttpSignalListenerProvider {

    /** The name operators enable this listener by, e.g. {@code otel}. Lower case, letters, digits and '-'. */
    String name();

    /**
     * Creates the listener. Called once, at agent start, on the thread that starts the agent. An exception here
     * disables this listener (reported on stderr) and nothing else.
     */
    HttpSignalListener<?> create(ListenerOptions options) throws Exception;
}
