package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecChain;

/**
 * A hop failed (I/O thread): the request is the thread's current one while the retry strategy decides, so a retry
 * is reported for it ({@code request_retry} when the next attempt starts).
 */
public final class RetryFailedAdvice {

    private RetryFailedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.FieldValue("val$scope") AsyncExecChain.Scope scope) {
        if (!SignalBus.active() || scope == null) {
            return null;
        }
        ApacheRequest request = ApacheTracking.async(scope.execRuntime);
        return request == null ? null : ApacheTracking.enterAsync(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest previous) {
        if (previous != null) {
            ApacheTracking.exitAsync(previous);
        }
    }
}
