package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** The connect future of the current async request: its completion is {@code connection_create_end}. */
public final class ManagerConnectAdvice {

    private ManagerConnectAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return Object future) {
        if (SignalBus.active()) {
            ApacheTracking.asyncConnecting(future);
        }
    }
}
