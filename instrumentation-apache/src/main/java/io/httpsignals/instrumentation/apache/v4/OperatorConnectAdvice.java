package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** The connection object being connected (the pool entry's own, not the proxy): it gets its id here. */
public final class OperatorConnectAdvice {

    private OperatorConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object connection) {
        if (SignalBus.active()) {
            ApacheTracking.connecting(ApacheTracking.current(), connection);
        }
    }
}
