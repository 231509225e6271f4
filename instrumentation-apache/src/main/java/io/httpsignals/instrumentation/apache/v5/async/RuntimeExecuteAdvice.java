package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/**
 * The runtime submits a hop's exchange to its connected endpoint: the request is the thread's current one for the
 * call, so the connection's {@code submitCommand} hook knows which request goes out on it.
 */
public final class RuntimeExecuteAdvice {

    private RuntimeExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.This Object runtime) {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.async(runtime);
        return request == null ? null : ApacheTracking.enterAsync(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest previous) {
        if (previous != null) {
            ApacheTracking.exitAsync(previous);
        }
    }
}
