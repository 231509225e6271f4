package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;

/** {@code jdk.internal.net.http.Http1Exchange(Exchange, HttpConnection)}: binds one HTTP/1.1 attempt to its request. */
public final class Http1ExchangeInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Http1Exchange");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor(), NewAttemptAdvice.class);
    }

    public static final class NewAttemptAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object http1Exchange, @Advice.Argument(0) Object exchange) {
            if (SignalBus.active()) {
                JdkHttpTraces.bindLike(http1Exchange, exchange);
            }
        }
    }
}
