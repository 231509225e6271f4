package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.net.InetSocketAddress;

/**
 * {@code connect_start/end} around 5.x's legacy {@code SSLConnectionSocketFactory.connectSocket(socket, host, remote,
 * local, timeout, attachment, context)}, the form 5.2/5.3 call; the handshake inside is reported by the
 * layered-socket hook. Silent where the 5.4+ operator callbacks already report the connect.
 */
public final class TlsConnectSocketAdvice {

    private TlsConnectSocketAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.Argument(2) InetSocketAddress remote) {
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
