package io.httpsignals.bootstrap.jdkhttp;

import io.httpsignals.bootstrap.Trace;

import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLEngine;

/**
 * Ends a connection creation when the future of the connection's {@code finishConnect()} completes (after the TLS
 * handshake for HTTPS).
 */
public final class ConnectionReady implements BiConsumer<Object, Throwable> {

    private final Trace trace;
    private final long connectionId;
    private final InetSocketAddress address;
    private final SSLEngine engine;

    public ConnectionReady(Trace trace, long connectionId, InetSocketAddress address, SSLEngine engine) {
        this.trace = trace;
        this.connectionId = connectionId;
        this.address = address;
        this.engine = engine;
    }

    @Override
    public void accept(Object ignored, Throwable error) {
        JdkHttpSignals.connectionReady(trace, connectionId, address, engine,
                error == null ? null : JdkResponses.unwrap(error));
    }
}
