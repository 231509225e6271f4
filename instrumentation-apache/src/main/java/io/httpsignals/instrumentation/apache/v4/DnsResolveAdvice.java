package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.net.InetAddress;

/** DNS through 4.5's default resolver (IP literals are resolved too, but report no DNS signals). */
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
