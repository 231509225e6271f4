package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.nio.ManagedAsyncClientConnection;
import org.apache.hc.core5.reactor.ssl.TlsDetails;

/**
 * The handshake completed (I/O thread): {@code tls_handshake_end} with the session's version, cipher suite and
 * the negotiated application protocol. A failed handshake ends with the connection's failure.
 */
public final class TlsEndAdvice {

    private TlsEndAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("this$1") Object sessionCallback,
                             @Advice.FieldValue("val$connection") ManagedAsyncClientConnection connection) {
        if (!SignalBus.active()) {
            return;
        }
        ApacheRequest request = ApacheTracking.asyncByCallback(sessionCallback);
        if (request == null) {
            return;
        }
        TlsDetails details = connection != null ? connection.getTlsDetails() : null;
        ApacheTracking.asyncTlsEnd(request, details != null ? details.getSSLSession() : null,
                details != null ? details.getApplicationProtocol() : null);
    }
}
