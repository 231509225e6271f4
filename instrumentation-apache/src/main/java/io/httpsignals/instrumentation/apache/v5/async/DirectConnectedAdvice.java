package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code connect_end} of a connect to a known address (I/O thread). */
public final class DirectConnectedAdvice {

    private DirectConnectedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object callback) {
        if (SignalBus.active()) {
            ApacheTracking.asyncConnectEnd(ApacheTracking.asyncByCallback(callback), null);
        }
    }
}
