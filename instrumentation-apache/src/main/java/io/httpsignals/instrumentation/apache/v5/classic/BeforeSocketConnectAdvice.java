package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.HttpHost;

/** {@code connect_start}, once per address tried (the operator's own callback, 5.4+). */
public final class BeforeSocketConnectAdvice {

    private BeforeSocketConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(1) HttpHost host) {
        if (SignalBus.active()) {
            ApacheTracking.connectStartNext(ApacheTracking.current(), host != null ? host.toHostString() : null);
        }
    }
}
