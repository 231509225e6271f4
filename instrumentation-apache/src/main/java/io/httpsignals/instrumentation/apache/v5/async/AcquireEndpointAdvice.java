package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/**
 * A hop (or retry) of an async request leases its endpoint. The lease call into the pool happens inside, on this
 * thread: the request is made current for it, so a pool wait is reported with the request's figures.
 */
public final class AcquireEndpointAdvice {

    private AcquireEndpointAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.This Object runtime) {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.async(runtime);
        if (request == null) {
            return null;
        }
        ApacheTracking.hopStart(request);
        return ApacheTracking.enterAsync(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest previous) {
        if (previous != null) {
            ApacheTracking.exitAsync(previous);
        }
    }
}
