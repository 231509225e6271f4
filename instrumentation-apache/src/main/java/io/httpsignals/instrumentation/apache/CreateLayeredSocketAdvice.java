package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.net.Socket;

import javax.net.ssl.SSLSocket;

/**
 * The TLS handshake on a connected socket ({@code createLayeredSocket} of 4.5's or 5.x's legacy TLS socket factory):
 * {@code tls_handshake_start/end} with the negotiated session. Silent where the 5.4+ operator callbacks already
 * report the handshake.
 */
public final class CreateLayeredSocketAdvice {

    private CreateLayeredSocketAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter() {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.current();
        if (!ApacheTracking.socketFactoryReports(request)) {
            return null;
        }
        ApacheTracking.connectEnd(request, null);
        ApacheTracking.tlsStart(request);
        return request;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.Return Socket socket,
                            @Advice.Thrown Throwable thrown) {
        if (request == null) {
            return;
        }
        SSLSocket ssl = thrown == null && socket instanceof SSLSocket ? (SSLSocket) socket : null;
        ApacheTracking.tlsEnd(request, ssl != null ? ssl.getSession() : null,
                ssl != null ? ssl.getApplicationProtocol() : null, thrown);
    }
}
