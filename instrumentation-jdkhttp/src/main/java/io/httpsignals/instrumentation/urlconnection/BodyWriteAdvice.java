package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

/** request_chunk_sent per write of the streaming body; a failed write ends the request. */
public final class BodyWriteAdvice {

    private BodyWriteAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("this$0") Object connection,
                            @Advice.Argument(2) int length,
                            @Advice.Thrown Throwable thrown) {
        if (!SignalBus.active()) {
            return;
        }
        if (thrown != null) {
            UrlConnections.failed(connection, thrown);
        } else {
            UrlConnections.bodyWritten(connection, length);
        }
    }
}
