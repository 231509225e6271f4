package io.httpsignals.bootstrap.jdkhttp;

import io.httpsignals.bootstrap.Addresses;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;

import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/** {@code connect_end} when the TCP connect future of {@code PlainHttpConnection.connectAsync} completes. */
public final class ConnectCompletion implements BiConsumer<Object, Throwable> {

    private final Trace trace;
    private final String address;

    public ConnectCompletion(Trace trace, InetSocketAddress address) {
        this.trace = trace;
        this.address = Addresses.format(address);
    }

    @Override
    public void accept(Object ignored, Throwable error) {
        SignalBus.connectEnd(trace, address, error == null ? null : JdkResponses.unwrap(error));
    }
}
