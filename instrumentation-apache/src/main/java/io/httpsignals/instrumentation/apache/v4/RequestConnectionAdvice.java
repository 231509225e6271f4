package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** Each hop (and retry) asks the manager for a connection: the redirect or retry that led here is reported first. */
public final class RequestConnectionAdvice {

    private RequestConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
        if (SignalBus.active()) {
            ApacheTracking.hopStart(ApacheTracking.current());
        }
    }
}
