package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.http.client.methods.HttpUriRequest;

/**
 * The redirect strategy built the next hop's request. The signal waits for that hop's connection request, so the
 * redirect response's body and connection release come first, as the lifecycle orders them.
 */
public final class RedirectAdvice {

    private RedirectAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return HttpUriRequest next) {
        if (SignalBus.active() && next != null) {
            ApacheTracking.redirectDecided(ApacheTracking.current(), String.valueOf(next.getURI()));
        }
    }
}
