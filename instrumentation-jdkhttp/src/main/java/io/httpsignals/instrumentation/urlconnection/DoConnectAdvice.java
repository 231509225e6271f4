package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

/**
 * {@code NetworkClient.doConnect(host, port)}: marks the thread so the {@code InetSocketAddress} it builds reports
 * the lookup and the connect start; connect_end when it returns or throws.
 */
public final class DoConnectAdvice {

    private DoConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.This Object self, @Advice.Argument(0) String host) {
        return SignalBus.active() && UrlConnections.connecting(self, host);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter boolean reporting, @Advice.This Object self,
                            @Advice.Thrown Throwable thrown) {
        if (reporting) {
            UrlConnections.connected(self, thrown);
        }
    }
}
