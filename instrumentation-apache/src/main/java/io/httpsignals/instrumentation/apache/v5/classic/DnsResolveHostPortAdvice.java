package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * DNS through the client's {@code DnsResolver}: the operator calls {@code resolve(host, port)} (newer 5.x, e.g. 5.6), a default
 * method that calls the resolver's own {@code resolve(host)}, so custom resolvers are observed too. The returned
 * addresses are the ones the connect signals name, in order.
 */
public final class DnsResolveHostPortAdvice {

    private DnsResolveHostPortAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.Argument(0) String host) {
        return SignalBus.active() && ApacheTracking.dnsStart(ApacheTracking.current(), host);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter boolean opened, @Advice.Argument(0) String host,
                            @Advice.Return List<InetSocketAddress> addresses, @Advice.Thrown Throwable thrown) {
        if (opened) {
            ApacheTracking.dnsEnd(ApacheTracking.current(), host, addresses, thrown);
        }
    }
}
