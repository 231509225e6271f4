package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/**
 * The leasing thread's whole stay in 4.4's pool (it blocks here while queued): remembers the pool for the
 * per-route maximum, and ends a wait when the thread leaves with a connection or with the timeout's error.
 */
public final class GetPoolEntryBlockingAdvice {

    private GetPoolEntryBlockingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.This Object pool) {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.current();
        if (request != null) {
            ApacheTracking.leasingFrom(pool);
        }
        return request;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.Thrown Throwable thrown) {
        if (request != null) {
            ApacheTracking.leasingFrom(null);
            ApacheTracking.waitEnded(request, null, thrown);
        }
    }
}
