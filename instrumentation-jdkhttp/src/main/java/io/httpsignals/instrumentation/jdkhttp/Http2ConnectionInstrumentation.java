package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.Http2Connection}: its constructors name the {@code HttpConnection} it runs on (whose
 * id it shares); {@code closeStream(int)} ends a request's use of it.
 */
public final class Http2ConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Http2Connection");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor(), OpenedAdvice.class);
        hooks.advise(named("closeStream").and(takesArguments(1)), CloseStreamAdvice.class);
    }

    public static final class OpenedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object http2, @Advice.FieldValue("connection") Object connection) {
            if (SignalBus.active()) {
                JdkHttpSignals.http2ConnectionOpened(http2, connection);
            }
        }
    }

    public static final class CloseStreamAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) int streamId,
                                 @Advice.FieldValue("streams") Map<?, ?> streams,
                                 @Advice.FieldValue("connection") Object connection) {
            if (!SignalBus.active() || streams == null) {
                return;
            }
            Object stream = streams.get(Integer.valueOf(streamId));
            if (stream != null) {
                JdkHttpSignals.http2StreamClosed(JdkHttpTraces.of(stream), connection, true);
            }
        }
    }
}
