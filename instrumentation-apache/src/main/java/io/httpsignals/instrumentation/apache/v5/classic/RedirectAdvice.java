package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.net.URI;

/**
 * The redirect executor records each location it follows. The signal waits for the next hop's lease, so the
 * redirect response's body and connection release come first, as the lifecycle orders them.
 */
public final class RedirectAdvice {

    private RedirectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) URI location) {
        if (SignalBus.active() && location != null) {
            ApacheTracking.redirectDecided(ApacheTracking.current(), location.toString());
        }
    }
}
