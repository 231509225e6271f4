package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/**
 * A response body stream is made (inside {@code receiveResponseEntity}, on the thread executing the request): the
 * session buffer it reads from (every constructor's first argument, one buffer per connection) now belongs to the
 * thread's request.
 */
public final class BodyStreamMadeAdvice {

    private BodyStreamMadeAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object buffer) {
        if (SignalBus.active()) {
            ApacheTracking.bodyStreamMade(buffer);
        }
    }
}
