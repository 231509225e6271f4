package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

/** response_chunk_received per read, request_end at the end of the body, request_exception if a read fails. */
public final class BodyReadAdvice {

    private BodyReadAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("this$0") Object connection,
                            @Advice.Return int n,
                            @Advice.Thrown Throwable thrown) {
        if (!SignalBus.active()) {
            return;
        }
        if (thrown != null) {
            UrlConnections.failed(connection, thrown);
        } else {
            UrlConnections.bodyRead(connection, n);
        }
    }
}
