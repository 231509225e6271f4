package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code connect_end} with the error, before the next address is tried (I/O thread). */
public final class AttemptFailedAdvice {

    private AttemptFailedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("this$1") Object attempts, @Advice.Argument(0) Exception error) {
        if (SignalBus.active()) {
            ApacheTracking.asyncConnectEnd(ApacheTracking.asyncByCallback(attempts), error);
        }
    }
}
