package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.ResponseSubscribers$HttpResponseInputStream} ({@code BodyHandlers.ofInputStream()}):
 * a {@code read} returning -1 or {@code close()} ends the request.
 */
public final class ResponseInputStreamInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.ResponseSubscribers$HttpResponseInputStream");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("read").and(takesArguments(0).or(takesArguments(3))), ReadAdvice.class);
        hooks.advise(named("close").and(takesArguments(0)), CloseAdvice.class);
    }

    public static final class ReadAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object stream, @Advice.Return int read) {
            if (read == -1 && SignalBus.active()) {
                JdkHttpSignals.streamFinished(stream);
            }
        }
    }

    public static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object stream) {
            if (SignalBus.active()) {
                JdkHttpSignals.streamFinished(stream);
            }
        }
    }
}
