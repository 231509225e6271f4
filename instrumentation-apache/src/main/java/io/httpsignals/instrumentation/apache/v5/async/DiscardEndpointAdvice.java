package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.util.concurrent.atomic.AtomicReference;

/** The endpoint is closed and given back (failure, retry, or not reusable). */
public final class DiscardEndpointAdvice {

    private DiscardEndpointAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object runtime,
                             @Advice.FieldValue("endpointRef") AtomicReference<?> endpoint) {
        if (SignalBus.active() && endpoint != null && endpoint.get() != null) {
            ApacheTracking.asyncReleased(ApacheTracking.async(runtime), false);
        }
    }
}
