package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.net.NamedEndpoint;

import java.net.SocketAddress;

/**
 * The session requester resolves the host through the client's {@code DnsResolver} (any implementation, every
 * version: the resolver's own hooks inside report nothing more), on the thread connecting the endpoint. The lookup
 * ends when the address attempts are made ({@link AttemptsMadeAdvice}) or, failed, when this call returns.
 */
public final class RequesterConnectAdvice {

    private RequesterConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.Argument(1) NamedEndpoint endpoint,
                                      @Advice.Argument(2) SocketAddress knownAddress) {
        if (!SignalBus.active() || endpoint == null || knownAddress != null) {
            return null;
        }
        ApacheRequest request = ApacheTracking.current();
        return ApacheTracking.dnsStart(request, endpoint.getHostName()) ? request : null;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.Argument(1) NamedEndpoint endpoint,
                            @Advice.Return Object future, @Advice.Thrown Throwable thrown) {
        if (request != null) {
            ApacheTracking.asyncDnsDone(request, endpoint.getHostName(), future, thrown);
        }
    }
}
