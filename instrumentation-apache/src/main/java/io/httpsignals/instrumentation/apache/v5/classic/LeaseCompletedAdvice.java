package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/**
 * A pool lease future completes, usually on the thread that gave a connection back: ends the wait of the request
 * that queued it ({@code connection_queued_end}). Other futures are not in the map and cost one lookup.
 */
public final class LeaseCompletedAdvice {

    private LeaseCompletedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object future) {
        if (SignalBus.active()) {
            ApacheTracking.leaseCompleted(future, null);
        }
    }
}
