package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;
import sun.net.www.http.HttpClient;

/** {@link HttpClientNewAdvice} for {@code HttpsClient.New}, whose connection argument is the seventh. */
public final class HttpsClientNewAdvice {

    private HttpsClientNewAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(6) Object connection) {
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
