package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.net.InetSocketAddress;

/**
 * {@code connect_start/end} around a socket factory's {@code connectSocket(timeout, socket, host, remote, local,
 * context)}: 4.5's factories, and 5.x's legacy ones, which 5.2/5.3 connect through. For TLS the factory also runs
 * the handshake: the layered-socket hook ends the connect phase before the handshake starts. Silent where the
 * 5.4+ operator callbacks already report the connect.
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
        if (!ApacheTracking.socketFactoryReports(request)) {
            return null;
        }
        ApacheTracking.connectStart(request, remote);
        return request;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.Thrown Throwable thrown) {
        ApacheTracking.connectEnd(request, thrown);
    }
}
