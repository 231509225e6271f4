package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.net.InetSocketAddress;

/**
 * {@code connect_start/end} around a socket factory's connect to one address. For TLS the factory also runs the
 * handshake: the layered-socket hook ends the connect phase before the handshake starts.
 */
public final class ConnectSocketAdvice {

    private ConnectSocketAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.Argument(3) InetSocketAddress remote) {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.current();
        ApacheTracking.connectStart(request, remote);
        return request;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.Thrown Throwable thrown) {
        ApacheTracking.connectEnd(request, thrown);
    }
}
