package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.bootstrap.jdkhttp.JdkResponses;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.http.HttpResponse;
import java.util.concurrent.Executor;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.HttpClientImpl}: both {@code send} and every public {@code sendAsync} funnel into the
 * private four-argument {@code sendAsync(request, handler, pushHandler, executor)}, so one hook sees each request
 * once (on JDK 17 and 25 alike). {@code send} passes no executor and waits for the future itself: its own exit ends
 * the request, before the application gets the response, with no wrapper around the future.
 */
public final class HttpClientImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.HttpClientImpl");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("sendAsync").and(isPrivate()).and(takesArguments(4))
                        .and(takesArgument(0, named("java.net.http.HttpRequest")))
                        .and(takesArgument(3, Executor.class)),
                SendAsyncAdvice.class);
        hooks.advise(named("send").and(isPublic()).and(takesArguments(2))
                        .and(takesArgument(0, named("java.net.http.HttpRequest"))),
                SendAdvice.class);
    }

    public static final class SendAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Return HttpResponse<?> response, @Advice.Thrown Throwable thrown) {
            if (!SignalBus.active()) {
                return;
            }
            Trace trace = JdkHttpTraces.takeSending();
            if (trace == null) {
                return;
            }
            if (thrown != null) {
                SignalBus.requestException(trace, JdkResponses.sendFailure(thrown));
            } else if (response != null && !JdkHttpSignals.endsWithStream(trace)) {
                SignalBus.requestEnd(trace, response.statusCode());
            }
        }
    }
}
