package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** An async request's future was cancelled: its {@code request_exception}. (Cancelled leases end elsewhere.) */
public final class LeaseCancelledAdvice {

    private LeaseCancelledAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object future, @Advice.Return boolean cancelled) {
        if (cancelled && SignalBus.active()) {
            ApacheTracking.futureDone(future, -1, null, true);
        }
    }
}
