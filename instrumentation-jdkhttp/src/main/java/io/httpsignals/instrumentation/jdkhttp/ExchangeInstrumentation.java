package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.lang.invoke.MethodHandles;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

/**
 * {@code jdk.internal.net.http.Exchange}: one per hop of a request. Its constructor (17 also has a variant with an
 * {@code AccessControlContext}) binds the request's {@code MultiExchange} to its trace (on the first hop); later
 * hooks walk from the exchange to its {@code MultiExchange}.
 */
public final class ExchangeInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Exchange");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor().and(takesArgument(1, named("jdk.internal.net.http.MultiExchange"))),
                NewHopAdvice.class);
    }

    public static final class NewHopAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.FieldValue("multi") Object multi) {
            if (!SignalBus.active()) {
                return;
            }
            if (!JdkHttpTraces.linked()) {
                // a lookup inside jdk.internal.net.http, for the getters that lead later hooks to the request
                JdkHttpTraces.link(MethodHandles.lookup());
            }
            JdkHttpTraces.bindHop(multi);
        }
    }
}
