package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;
import sun.net.www.http.HttpClient;

import java.net.Socket;
import javax.net.ssl.SSLSession;

/**
 * {@code HttpsClient.afterConnect()}: the TLS handshake (and host name check) of a new connection, after which the
 * connection is ready; for a cached connection it only picks up the session.
 */
public final class TlsHandshakeAdvice {

    private TlsHandshakeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.This Object self) {
        return SignalBus.active() && UrlConnections.tlsStarting(self, ((HttpClient) self).isCachedConnection());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter boolean reporting,
                            @Advice.This Object self,
                            @Advice.FieldValue("session") SSLSession session,
                            @Advice.FieldValue("serverSocket") Socket socket,
                            @Advice.Thrown Throwable thrown) {
        if (reporting) {
            UrlConnections.tlsDone(self, session, socket, thrown);
        }
    }
}
