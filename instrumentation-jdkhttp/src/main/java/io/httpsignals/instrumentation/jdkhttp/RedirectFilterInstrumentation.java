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

import java.net.http.HttpRequest;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.RedirectFilter.response(Response)}: a non-null result is the next hop's request.
 * The redirect is announced when that hop starts, after the previous hop released its connection.
 */
public final class RedirectFilterInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.RedirectFilter");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("response").and(takesArguments(1)), RedirectAdvice.class);
    }

    public static final class RedirectAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.FieldValue("exchange") Object multi, @Advice.Return Object next) {
            if (next == null || !SignalBus.active()) {
                return;
            }
            Trace trace = JdkHttpTraces.forMulti(multi);
            if (trace != null) {
                JdkHttpSignals.redirectFollowed(trace, trace.lastStatus(), String.valueOf(((HttpRequest) next).uri()));
            }
        }
    }
}
