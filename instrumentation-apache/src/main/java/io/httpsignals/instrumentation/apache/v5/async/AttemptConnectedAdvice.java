package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code connect_end}: the address answered (I/O thread). */
public final class AttemptConnectedAdvice {

    private AttemptConnectedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("this$1") Object attempts) {
        if (SignalBus.active()) {
            ApacheTracking.asyncConnectEnd(ApacheTracking.asyncByCallback(attempts), null);
        }
    }
}
