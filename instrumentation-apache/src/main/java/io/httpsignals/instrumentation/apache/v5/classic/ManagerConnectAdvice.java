package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.Addresses;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.HttpConnection;

/** The leased endpoint had no open connection: {@code connection_create_start/end} around opening one. */
public final class ManagerConnectAdvice {

    private ManagerConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter() {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.current();
        ApacheTracking.createStart(request);
        return request;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.Thrown Throwable thrown) {
        if (request == null) {
            return;
        }
        String remote = null;
        if (thrown == null && request.connection instanceof HttpConnection) {
            remote = Addresses.format(((HttpConnection) request.connection).getRemoteAddress());
        }
        ApacheTracking.createEnd(request, remote, "HTTP/1.1", thrown);
    }
}
