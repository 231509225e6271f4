package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.nio.ManagedAsyncClientConnection;
import org.apache.hc.core5.http.ProtocolVersion;

/** An exchange of the thread's async request is handed to this connection (reused if the hop did not open it). */
public final class SubmitCommandAdvice {

    private SubmitCommandAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This ManagedAsyncClientConnection connection) {
        if (SignalBus.active() && ApacheTracking.current() != null) {
            ProtocolVersion version = connection.getProtocolVersion();
            ApacheTracking.asyncSubmitted(connection, connection.getRemoteAddress(),
                    version != null && version.getMajor() == 2 ? "HTTP/2" : "HTTP/1.1");
        }
    }
}
