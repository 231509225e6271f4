package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.jdkhttp.ConnectionReady;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.bootstrap.jdkhttp.TlsHandshakeStart;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.AsyncSSLConnection} (direct HTTPS, not through a proxy tunnel): when the TCP part of
 * {@code connectAsync(Exchange)} completes, the handshake starts; {@code finishConnect()} completes when it ended.
 */
public final class AsyncSSLConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.AsyncSSLConnection");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("connectAsync").and(takesArguments(1)), ConnectAdvice.class);
        hooks.advise(named("finishConnect").and(takesArguments(0)), FinishConnectAdvice.class);
    }

    public static final class ConnectAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) Object exchange,
                                @Advice.FieldValue("address") InetSocketAddress address,
                                @Advice.Return CompletableFuture<?> connected) {
            if (!SignalBus.active() || connected == null) {
                return;
            }
            Trace trace = JdkHttpTraces.forExchange(exchange);
            if (trace != null) {
                connected.whenComplete(new TlsHandshakeStart(trace, address));
            }
        }
    }

    public static final class FinishConnectAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object connection,
                                @Advice.FieldValue("address") InetSocketAddress address,
                                @Advice.FieldValue("engine") SSLEngine engine,
                                @Advice.Return CompletableFuture<?> ready) {
            if (!SignalBus.active() || ready == null) {
                return;
            }
            Trace trace = JdkHttpSignals.connectingFor(connection);
            if (trace != null) {
                ready.whenComplete(new ConnectionReady(trace, JdkHttpSignals.knownIdOf(connection), address,
                        engine));
            }
        }
    }
}
