package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.io.ConnectionEndpoint;

/**
 * An endpoint goes back to the pool: at the entity's end, when the response is closed, at once for a response
 * without a streamed entity, or closed after a failure. Kept alive when the manager got a keep-alive time and the
 * connection is still open.
 */
public final class ReleaseAdvice {

    private ReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ConnectionEndpoint endpoint, @Advice.Argument(2) Object keepAlive) {
        if (!SignalBus.active() || endpoint == null) {
            return;
        }
        ApacheTracking.released(endpoint, keepAlive != null && endpoint.isConnected());
    }
}
