package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.net.InetSocketAddress;

/** {@code connect_start} of one resolved address (made just before the reactor is asked to connect it). */
public final class AttemptStartAdvice {

    private AttemptStartAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("this$1") Object attempts,
                            @Advice.FieldValue("val$remoteAddress") InetSocketAddress address) {
        if (SignalBus.active()) {
            ApacheTracking.asyncConnectStart(ApacheTracking.asyncByCallback(attempts), address);
        }
    }
}
