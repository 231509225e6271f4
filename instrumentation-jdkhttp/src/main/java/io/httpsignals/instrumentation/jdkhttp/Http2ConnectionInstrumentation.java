package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * {@code jdk.internal.net.http.Http2Connection}: its constructors name the {@code HttpConnection} it runs on, whose
 * id it shares. (Its {@code closeStream(int)} runs only after the application got the body, so a stream's release
 * is taken from END_STREAM instead, see {@link StreamInstrumentation}.)
 */
public final class Http2ConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Http2Connection");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor(), OpenedAdvice.class);
    }

    public static final class OpenedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object http2, @Advice.FieldValue("connection") Object connection) {
            if (SignalBus.active()) {
                JdkHttpSignals.http2ConnectionOpened(http2, connection);
            }
        }
    }
}
