package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

/** Closing the response body ends the request (the JDK has by then kept alive or closed the connection). */
public final class BodyCloseAdvice {

    private BodyCloseAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("this$0") Object connection) {
        if (SignalBus.active()) {
            UrlConnections.bodyClosed(connection);
        }
    }
}
