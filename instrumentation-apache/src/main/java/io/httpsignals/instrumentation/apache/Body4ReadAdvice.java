package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code response_chunk_received} for a {@code read(byte[], int, int)} of an httpcore 4.4 response body stream (found by the connection's session buffer it reads from). */
public final class Body4ReadAdvice {

    private Body4ReadAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("in") Object buffer, @Advice.Return int read) {
        if (read > 0 && SignalBus.active()) {
            ApacheTracking.bodyRead(buffer, read);
        }
    }
}
