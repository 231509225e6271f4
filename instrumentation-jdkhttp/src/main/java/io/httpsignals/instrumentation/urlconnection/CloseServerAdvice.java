package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

/** {@code HttpClient.closeServer()}: the connection is closed; connection_released if a request held it. */
public final class CloseServerAdvice {

    private CloseServerAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object self) {
        if (SignalBus.active()) {
            UrlConnections.releasing(self, false);
        }
    }
}
