package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code connect_end}; a failed connect never gets here, its end comes with the failed connection setup. */
public final class AfterSocketConnectAdvice {

    private AfterSocketConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
        if (SignalBus.active()) {
            ApacheTracking.connectEnd(ApacheTracking.current(), null);
        }
    }
}
