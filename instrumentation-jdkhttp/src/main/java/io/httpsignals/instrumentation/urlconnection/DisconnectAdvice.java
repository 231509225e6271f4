package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

/** {@code disconnect()} ends the request: with its response if one arrived, as failed otherwise. */
public final class DisconnectAdvice {

    private DisconnectAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object self) {
        if (SignalBus.active()) {
            UrlConnections.disconnected(self);
        }
    }
}
