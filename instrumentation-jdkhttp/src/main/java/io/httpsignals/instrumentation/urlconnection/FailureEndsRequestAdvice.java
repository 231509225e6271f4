package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

/**
 * A failure out of {@code getOutputStream0} (connecting, or sending the head of a streaming request) or out of the
 * HTTPS {@code connect()} (the handshake) ends the request: the JDK does not recover from these.
 */
public final class FailureEndsRequestAdvice {

    private FailureEndsRequestAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object self, @Advice.Thrown Throwable thrown) {
        if (thrown != null && SignalBus.active()) {
            UrlConnections.failed(self, thrown);
        }
    }
}
