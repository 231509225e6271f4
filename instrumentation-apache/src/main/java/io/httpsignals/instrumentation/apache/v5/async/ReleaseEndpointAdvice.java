package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** The exchange gives its endpoint back for reuse. */
public final class ReleaseEndpointAdvice {

    private ReleaseEndpointAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object runtime) {
        if (SignalBus.active()) {
            ApacheTracking.asyncReleased(ApacheTracking.async(runtime), true);
        }
    }
}
