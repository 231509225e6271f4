package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.io.IOException;

/** The default retry handler decided to retry after an I/O error; reported when the next attempt asks for a connection. */
public final class RetryAdvice {

    private RetryAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) IOException error, @Advice.Return boolean retry) {
        if (retry && SignalBus.active()) {
            ApacheTracking.retryDecided(ApacheTracking.current(), String.valueOf(error));
        }
    }
}
