package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code tls_handshake_start} (the operator's own callback, 5.4+). */
public final class BeforeTlsHandshakeAdvice {

    private BeforeTlsHandshakeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter() {
        if (SignalBus.active()) {
            ApacheTracking.tlsStart(ApacheTracking.current());
        }
    }
}
