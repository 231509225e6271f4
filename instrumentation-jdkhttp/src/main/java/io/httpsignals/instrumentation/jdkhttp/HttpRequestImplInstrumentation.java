package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.HttpRequestImpl.getAddress()}: where the client resolves the host name
 * ({@code new InetSocketAddress(host, port)}), before it looks for a pooled connection.
 */
public final class HttpRequestImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.HttpRequestImpl");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("getAddress").and(takesArguments(0)), GetAddressAdvice.class);
    }

    public static final class GetAddressAdvice {
        /** When the lookup began: {@code getAddress} resolves the host name by constructing the address. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static long enter() {
            return SignalBus.active() ? System.nanoTime() : 0L;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Enter long startedNanos,
                                @Advice.This Object request,
                                @Advice.FieldValue("proxy") Proxy proxy,
                                @Advice.Return InetSocketAddress address) {
            if (!SignalBus.active() || (proxy != null && proxy.type() == Proxy.Type.HTTP)) {
                return;
            }
            Trace trace = JdkHttpTraces.acquiring();
            if (trace != null) {
                URI uri = ((java.net.http.HttpRequest) request).uri();
                JdkHttpSignals.hostResolved(trace, uri == null ? null : uri.getHost(), address, startedNanos);
            }
        }
    }
}
