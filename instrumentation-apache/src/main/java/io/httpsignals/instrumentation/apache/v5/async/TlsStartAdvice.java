package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** The TLS upgrade's callback is made just before the upgrade starts: {@code tls_handshake_start}. */
public final class TlsStartAdvice {

    private TlsStartAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit() {
        if (SignalBus.active()) {
            ApacheTracking.asyncTlsStart();
        }
    }
}
