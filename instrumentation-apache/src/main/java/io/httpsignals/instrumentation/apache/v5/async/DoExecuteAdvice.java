package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code execute} returns the request's future: its completion ({@code BasicFuture}) ends the request. */
public final class DoExecuteAdvice {

    private DoExecuteAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Return Object future, @Advice.Thrown Throwable thrown) {
        if (SignalBus.active()) {
            ApacheTracking.asyncReturned(future, thrown);
        }
    }
}
