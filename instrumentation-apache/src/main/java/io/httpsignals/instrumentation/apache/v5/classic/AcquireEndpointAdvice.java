package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;


/**
 * Each hop (and retry) leases its connection here: the redirect or retry that led to the hop is reported first;
 * a pool wait that is still open when the lease fails (lease timeout) ends with that error; the leased endpoint is
 * remembered so its release can end the request.
 */
public final class AcquireEndpointAdvice {

    private AcquireEndpointAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter() {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.current();
        ApacheTracking.hopStart(request);
        return request;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.Thrown Throwable thrown) {
        if (request != null) {
            ApacheTracking.waitEnded(request, null, thrown);
        }
    }
}
