package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

/**
 * dns_resolvehost_start/end around the lookup (not for IP literals), then connect_start with the address. The
 * advice names no JDK type in its signature: resolving the signature while {@code InetSocketAddress} itself is
 * being defined would be a class circularity.
 */
public final class ResolveAdvice {

    private ResolveAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) String host) {
        if (SignalBus.active()) {
            UrlConnections.resolving(host);
        }
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object self, @Advice.Argument(0) String host) {
        if (SignalBus.active()) {
            UrlConnections.resolved(host, self);
        }
    }
}
