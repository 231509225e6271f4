package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

import java.net.URL;

/**
 * {@code followRedirect0(location, status, url)} closes the connection and connects to the new location itself;
 * the redirect is remembered here and announced when the next hop takes its connection, after the release of the
 * old one.
 */
public final class FollowRedirectAdvice {

    private FollowRedirectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object self,
                             @Advice.Argument(1) int status,
                             @Advice.Argument(2) URL location) {
        if (SignalBus.active()) {
            UrlConnections.redirecting(self, status, String.valueOf(location));
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object self,
                            @Advice.Return boolean followed,
                            @Advice.Thrown Throwable thrown) {
        if (SignalBus.active()) {
            UrlConnections.redirectFollowed(self, followed && thrown == null);
        }
    }
}
