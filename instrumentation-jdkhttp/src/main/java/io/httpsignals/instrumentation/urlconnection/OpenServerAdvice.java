package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

import java.net.Socket;
import java.net.URL;

/**
 * {@code HttpClient.openServer()}: connection_create_start/end around the socket connect (DNS and connect signals
 * come from {@code NetworkClient.doConnect}). For HTTPS the connection is ready only after the handshake in
 * {@code HttpsClient.afterConnect()}. A no-op when the connection is already open and kept alive.
 */
public final class OpenServerAdvice {

    private OpenServerAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.This Object self, @Advice.FieldValue("keepingAlive") boolean keepingAlive) {
        return SignalBus.active() && !keepingAlive && UrlConnections.openingServer(self);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter boolean reporting,
                            @Advice.This Object self,
                            @Advice.FieldValue("url") URL url,
                            @Advice.FieldValue("serverSocket") Socket socket,
                            @Advice.Thrown Throwable thrown) {
        if (reporting) {
            UrlConnections.serverOpened(self, url != null && "https".equalsIgnoreCase(url.getProtocol()), socket,
                    thrown);
        }
    }
}
