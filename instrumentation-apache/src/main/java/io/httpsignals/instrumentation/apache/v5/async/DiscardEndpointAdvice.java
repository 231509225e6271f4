package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** The endpoint is closed and given back (failure, or not reusable). */
public final class DiscardEndpointAdvice {

    private DiscardEndpointAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object runtime) {
        if (SignalBus.active()) {
            ApacheTracking.asyncReleased(ApacheTracking.async(runtime), false);
        }
    }
}
