package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** The pool failed a queued lease (deadline passed, pool closed): {@code connection_queued_end} with the error. */
public final class LeaseFailedAdvice {

    private LeaseFailedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object future, @Advice.Argument(0) Exception error) {
        if (SignalBus.active()) {
            ApacheTracking.futureDone(future, -1, error, false);
        }
    }
}
