package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** The leased endpoint has no open connection: {@code connection_create_start}; the connect future ends it. */
public final class ConnectEndpointAdvice {

    private ConnectEndpointAdvice() {
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
        ApacheTracking.asyncCreateStart(request);
        return ApacheTracking.enterAsync(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest previous) {
        if (previous != null) {
            ApacheTracking.exitAsync(previous);
        }
    }
}
