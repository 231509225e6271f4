package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpClientConnection;

/** A connection goes back to the pool, kept alive if still open (a non-reusable one was shut down first). */
public final class ReleaseAdvice {

    private ReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) HttpClientConnection connection) {
        if (SignalBus.active() && connection != null) {
            ApacheTracking.released(connection, connection.isOpen());
        }
    }
}
