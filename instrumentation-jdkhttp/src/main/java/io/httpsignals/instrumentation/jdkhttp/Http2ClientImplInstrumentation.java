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

import java.util.concurrent.CompletableFuture;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.Http2ClientImpl.getConnectionFor(HttpRequestImpl, Exchange)}: an already completed
 * future holding a connection is a live HTTP/2 connection the request's stream joins (a new one completes later).
 */
public final class Http2ClientImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Http2ClientImpl");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("getConnectionFor").and(takesArguments(2)), GetConnectionForAdvice.class);
    }

    public static final class GetConnectionForAdvice {
        /** The hop, for the host lookup and connection hooks this method runs (a new connection's). */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.Argument(1) Object exchange) {
            return SignalBus.active() ? JdkHttpTraces.enterAcquiring(exchange) : null;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object acquiring,
                                @Advice.Argument(1) Object exchange,
                                @Advice.Return CompletableFuture<?> connection) {
            if (acquiring != null) {
                JdkHttpTraces.exitAcquiring(acquiring);
            }
            if (!SignalBus.active() || connection == null || !connection.isDone()
                    || connection.isCompletedExceptionally()) {
                return;
            }
            Object http2 = connection.getNow(null);
            Trace trace = http2 == null ? null : JdkHttpTraces.forExchange(exchange);
            if (trace != null) {
                JdkHttpSignals.http2ConnectionReused(trace, http2);
            }
        }
    }
}
