package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.Addresses;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpInetConnection;

/** The leased connection was not open: {@code connection_create_start/end} around opening it. */
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
        if (thrown == null && request.connection instanceof HttpInetConnection) {
            HttpInetConnection connection = (HttpInetConnection) request.connection;
            if (connection.getRemoteAddress() != null) {
                remote = Addresses.format(connection.getRemoteAddress(), connection.getRemotePort());
            }
        }
        ApacheTracking.createEnd(request, remote, "HTTP/1.1", thrown);
    }
}
