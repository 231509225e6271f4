package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;
import sun.net.www.http.HttpClient;

/**
 * {@code HttpClient.New(url, proxy, timeout, useCache, connection)} and its HTTPS twin: connections opened inside
 * belong to {@code connection}'s request; one returned from the keep-alive cache is a connection_reuseconn.
 */
public final class HttpClientNewAdvice {

    private HttpClientNewAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(4) Object connection) {
        return SignalBus.active() ? UrlConnections.enterNew(connection) : null;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return Object client,
                            @Advice.Thrown Throwable thrown) {
        if (token != null) {
            boolean cached = thrown == null && client != null && ((HttpClient) client).isCachedConnection();
            UrlConnections.exitNew(token, client, cached);
        }
    }
}
