package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code request_chunk_sent} of one byte for a single-byte {@code write(int)} of a request entity. */
public final class BodyWriteByteAdvice {

    private BodyWriteByteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
        if (SignalBus.active()) {
            ApacheTracking.chunkSent(ApacheTracking.current(), 1);
        }
    }
}
