package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.concurrent.atomic.AtomicInteger;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.MultiExchange}: the private {@code responseAsyncImpl()} runs once per attempt. Every
 * run after the first follows a redirect (announced by the redirect filter) or re-sends the request (retry).
 */
public final class MultiExchangeInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.MultiExchange");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("responseAsyncImpl").and(takesArguments(0)), AttemptAdvice.class);
    }

    public static final class AttemptAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object multi,
                                 @Advice.FieldValue("attempts") AtomicInteger attempts,
                                 @Advice.FieldValue("retryCause") Throwable retryCause) {
            // the method counts its attempts itself, first thing: 0 before the first
            if (SignalBus.active() && attempts != null && attempts.get() > 0) {
                JdkHttpSignals.attemptStarting(JdkHttpTraces.forMulti(multi), attempts.get(), retryCause);
            }
        }
    }
}
