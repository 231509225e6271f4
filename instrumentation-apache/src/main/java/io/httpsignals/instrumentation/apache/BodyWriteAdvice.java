package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code request_chunk_sent} for a {@code write(byte[], int, int)} while a request entity is being sent. */
public final class BodyWriteAdvice {

    private BodyWriteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(2) int length) {
        if (SignalBus.active()) {
            ApacheTracking.chunkSent(ApacheTracking.current(), length);
        }
    }
}
