package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code response_chunk_received} for a {@code read(byte[], int, int)} of a response body stream. */
public final class BodyReadAdvice {

    private BodyReadAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object stream, @Advice.Return int read) {
        if (read > 0 && SignalBus.active()) {
            ApacheTracking.streamRead(stream, read);
        }
    }
}
