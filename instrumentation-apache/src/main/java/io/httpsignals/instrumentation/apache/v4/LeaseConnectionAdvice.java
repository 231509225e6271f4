package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** The pooled-connection proxy handed to the hop: its release ends the request once {@code execute} returned. */
public final class LeaseConnectionAdvice {

    private LeaseConnectionAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return Object connection) {
        if (SignalBus.active()) {
            ApacheTracking.leased(ApacheTracking.current(), connection);
        }
    }
}
