package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;

/**
 * The connection being connected gets its id. The operator resolves the host through its {@code DnsResolver},
 * whatever the implementation: the lookup opens here, so a custom resolver is observed too.
 */
public final class OperatorConnectAdvice {

    private OperatorConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.Argument(0) Object connection, @Advice.Argument(1) HttpHost host) {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.current();
        if (request == null) {
            return null;
        }
        ApacheTracking.connecting(request, connection);
        return host != null && host.getAddress() == null
                && ApacheTracking.operatorDnsStart(request, host.getHostName()) ? request : null;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.Thrown Throwable thrown) {
        ApacheTracking.operatorDnsDone(request, thrown);
    }
}
