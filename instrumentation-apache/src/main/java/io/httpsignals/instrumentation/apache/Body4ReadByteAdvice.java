package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code response_chunk_received} of one byte for a single-byte {@code read()} of an httpcore 4.4 response body stream. */
public final class Body4ReadByteAdvice {

    private Body4ReadByteAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("in") Object buffer, @Advice.Return int read) {
        if (read >= 0 && SignalBus.active()) {
            ApacheTracking.bodyRead(buffer, 1);
        }
    }
}
