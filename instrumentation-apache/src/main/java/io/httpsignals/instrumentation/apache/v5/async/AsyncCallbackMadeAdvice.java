package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** A connect callback is made on the thread connecting an async request's endpoint: it belongs to that request. */
public final class AsyncCallbackMadeAdvice {

    private AsyncCallbackMadeAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object callback) {
        if (SignalBus.active()) {
            ApacheTracking.asyncCallback(callback);
        }
    }
}
