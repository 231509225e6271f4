package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.http.HttpResponse;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.HttpResponseImpl(request, response, previous, body, exchange)}: the application's
 * response, built with its body just before the client completes the request's future: the request ends here (or,
 * for a body that is the client's response {@code InputStream}, when the application reads it to its end or closes
 * it). Also built, without a body, for the responses a redirect or authentication filter replaced.
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
        public static void exit(@Advice.This Object response, @Advice.Argument(3) Object body,
                                @Advice.Argument(4) Object exchange) {
            if (SignalBus.active() && body != null) {
                JdkHttpSignals.responseBuilt(exchange, body, ((HttpResponse<?>) response).statusCode());
            }
        }
    }
}
