package io.httpsignals.bootstrap.jdkhttp;

import io.httpsignals.bootstrap.Addresses;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;

import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/**
 * {@code tls_handshake_start} when the TCP part of {@code AsyncSSLConnection.connectAsync} completes: the
 * connection then wraps the socket in its {@code SSLTube}, which starts the handshake. The TCP connect's own
 * completion may run after this one (dependent actions run in no fixed order), so the connect ends here first.
 */
public final class TlsHandshakeStart implements BiConsumer<Object, Throwable> {

    private final Trace trace;
    private final String address;

    public TlsHandshakeStart(Trace trace, InetSocketAddress address) {
        this.trace = trace;
        this.address = Addresses.format(address);
    }

    @Override
    public void accept(Object ignored, Throwable error) {
        if (error == null) {
            SignalBus.connectEnd(trace, address, null);
            SignalBus.tlsStart(trace);
        }
    }
}
