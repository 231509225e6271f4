package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;

import java.net.Socket;

import javax.net.ssl.SSLSocket;

/** {@code tls_handshake_end}: the connection is bound to the TLS socket by now, so its session is readable. */
public final class AfterTlsHandshakeAdvice {

    private AfterTlsHandshakeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
        if (!SignalBus.active()) {
            return;
        }
        ApacheRequest request = ApacheTracking.current();
        if (request == null) {
            return;
        }
        ManagedHttpClientConnection connection = request.connection instanceof ManagedHttpClientConnection
                ? (ManagedHttpClientConnection) request.connection : null;
        Socket socket = connection != null ? connection.getSocket() : null;
        String alpn = socket instanceof SSLSocket ? ((SSLSocket) socket).getApplicationProtocol() : null;
        ApacheTracking.tlsEnd(request, connection != null ? connection.getSSLSession() : null, alpn, null);
    }
}
