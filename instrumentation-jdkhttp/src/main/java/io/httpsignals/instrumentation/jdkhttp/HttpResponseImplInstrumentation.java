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

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.HttpResponseImpl(request, response, previous, body, exchange)}: the application's
 * response, built before its future completes. A body that is the client's response {@code InputStream} moves the
 * request's end to when the application reads that stream to its end or closes it.
 */
public final class HttpResponseImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.HttpResponseImpl");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor().and(takesArguments(5)), ResponseBodyAdvice.class);
    }

    public static final class ResponseBodyAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(3) Object body, @Advice.Argument(4) Object exchange) {
            if (!SignalBus.active() || body == null || !body.getClass().getName()
                    .equals("jdk.internal.net.http.ResponseSubscribers$HttpResponseInputStream")) {
                return;
            }
            Trace trace = JdkHttpTraces.forExchange(exchange);
            if (trace != null) {
                JdkHttpSignals.bodyIsStream(trace, body);
            }
        }
    }
}
