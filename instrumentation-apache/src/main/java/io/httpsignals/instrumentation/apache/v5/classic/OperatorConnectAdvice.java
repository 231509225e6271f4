package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** The connection object being connected: it gets its id here (the overloads delegate: numbered once). */
public final class OperatorConnectAdvice {

    private OperatorConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object connection) {
        if (!SignalBus.active()) {
            return;
        }
        ApacheRequest request = ApacheTracking.current();
        if (request != null && request.connection != connection) {
            ApacheTracking.connecting(request, connection);
        }
    }
}
