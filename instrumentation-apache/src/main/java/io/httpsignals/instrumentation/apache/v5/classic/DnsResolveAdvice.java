package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.net.InetAddress;

/**
 * DNS through the default resolver's {@code resolve(host)}: what 5.2/5.3 call directly. Inside
 * {@code resolve(host, port)} the lookup is already open and this one stays silent.
 */
public final class DnsResolveAdvice {

    private DnsResolveAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.Argument(0) String host) {
        return SignalBus.active() && ApacheTracking.dnsStart(ApacheTracking.current(), host);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter boolean opened, @Advice.Argument(0) String host,
                            @Advice.Return InetAddress[] addresses, @Advice.Thrown Throwable thrown) {
        if (opened) {
            ApacheTracking.dnsEnd(ApacheTracking.current(), host, addresses, -1, thrown);
        }
    }
}
