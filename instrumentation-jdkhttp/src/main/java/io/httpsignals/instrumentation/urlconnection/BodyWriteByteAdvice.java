package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

/** {@code write(int)} of the streaming body: a one-byte request_chunk_sent. */
public final class BodyWriteByteAdvice {

    private BodyWriteByteAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("this$0") Object connection, @Advice.Thrown Throwable thrown) {
        if (!SignalBus.active()) {
            return;
        }
        if (thrown != null) {
            UrlConnections.failed(connection, thrown);
        } else {
            UrlConnections.bodyWritten(connection, 1);
        }
    }
}
