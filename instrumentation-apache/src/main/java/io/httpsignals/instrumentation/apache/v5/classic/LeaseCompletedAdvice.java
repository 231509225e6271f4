package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.HttpResponse;

/**
 * An httpcore5 future completes: a pool lease (usually on the thread that gave a connection back) ends the wait of
 * the request that queued it; an async connect or an async request (its result future) ends. Other futures cost
 * one lookup per map.
 */
public final class LeaseCompletedAdvice {

    private LeaseCompletedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object future, @Advice.Argument(0) Object result) {
        if (SignalBus.active()) {
            ApacheTracking.futureDone(future, result instanceof HttpResponse ? ((HttpResponse) result).getCode() : -1,
                    null, false);
        }
    }
}
