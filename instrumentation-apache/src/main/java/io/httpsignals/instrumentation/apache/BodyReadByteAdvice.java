package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code response_chunk_received} of one byte for a single-byte {@code read()} of an httpcore 5 response body stream. */
public final class BodyReadByteAdvice {

    private BodyReadByteAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("buffer") Object buffer, @Advice.Return int read) {
        if (read >= 0 && SignalBus.active()) {
            ApacheTracking.bodyRead(buffer, 1);
        }
    }
}
