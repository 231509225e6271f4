package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

/** connection_released, kept alive, for the request that held the connection. */
public final class KeptAliveAdvice {

    private KeptAliveAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(2) Object client) {
        if (SignalBus.active()) {
            UrlConnections.releasing(client, true);
        }
    }
}
