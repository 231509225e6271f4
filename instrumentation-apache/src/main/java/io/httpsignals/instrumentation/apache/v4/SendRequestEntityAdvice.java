package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** Marks the span in which body-stream writes on this thread are this request's {@code request_chunk_sent}. */
public final class SendRequestEntityAdvice {

    private SendRequestEntityAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter() {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest current = ApacheTracking.current();
        if (current != null) {
            current.sendingEntity = true;
        }
        return current;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest current) {
        if (current != null) {
            current.sendingEntity = false;
        }
    }
}
