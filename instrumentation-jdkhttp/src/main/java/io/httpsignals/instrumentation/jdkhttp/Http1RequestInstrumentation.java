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

import java.nio.ByteBuffer;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.Http1Request.headers()}: returns the request head exactly as the client writes it
 * (with {@code Host}, {@code Content-Length}, {@code User-Agent}...), just before it hands it to the socket writer.
 */
public final class Http1RequestInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Http1Request");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("headers").and(takesArguments(0)), HeadersAdvice.class);
    }

    public static final class HeadersAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.FieldValue("http1Exchange") Object http1Exchange,
                                @Advice.Return List<ByteBuffer> head) {
            if (!SignalBus.active()) {
                return;
            }
            Trace trace = JdkHttpTraces.forExchangeImpl(http1Exchange);
            if (trace != null) {
                JdkHttpSignals.http1HeadersSent(trace, head);
            }
        }
    }
}
