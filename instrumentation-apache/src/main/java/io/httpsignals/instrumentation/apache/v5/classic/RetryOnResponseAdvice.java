package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.HttpResponse;

/** The default retry strategy decided to retry after a response (429/503); reported when the next attempt leases. */
public final class RetryOnResponseAdvice {

    private RetryOnResponseAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) HttpResponse response, @Advice.Return boolean retry) {
        if (retry && SignalBus.active() && response != null) {
            ApacheTracking.retryDecided(ApacheTracking.current(), "status " + response.getCode());
        }
    }
}
