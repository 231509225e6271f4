package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.io.IOException;

/** The default retry strategy decided to retry after an I/O error; reported when the next attempt leases. */
public final class RetryOnExceptionAdvice {

    private RetryOnExceptionAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(1) IOException error, @Advice.Return boolean retry) {
        if (retry && SignalBus.active()) {
            ApacheTracking.retryDecided(ApacheTracking.current(), String.valueOf(error));
        }
    }
}
