package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/**
 * The operator got the connected session (I/O thread): its request is the thread's current one while the client
 * connection is made and the TLS upgrade starts.
 */
public final class SessionConnectedAdvice {

    private SessionConnectedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.This Object callback) {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.asyncByCallback(callback);
        return request == null ? null : ApacheTracking.enterAsync(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest previous) {
        if (previous != null) {
            ApacheTracking.exitAsync(previous);
        }
    }
}
