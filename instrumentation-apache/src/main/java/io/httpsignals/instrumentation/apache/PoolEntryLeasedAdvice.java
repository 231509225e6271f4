package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/**
 * A classic manager wraps the pool entry it leased for the thread's request (5.x: its connection endpoint, 4.5:
 * its connection proxy; both take the entry as their only argument): the hop holds that entry until the pool gets
 * it back. The entry, not the wrapper, is what the request is found by then: the pool keeps one entry per
 * connection, so it serves request after request with one map entry.
 */
public final class PoolEntryLeasedAdvice {

    private PoolEntryLeasedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object entry) {
        if (SignalBus.active()) {
            ApacheTracking.leased(ApacheTracking.current(), entry);
        }
    }
}
