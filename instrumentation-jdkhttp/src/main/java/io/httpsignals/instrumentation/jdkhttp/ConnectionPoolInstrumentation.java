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
 * {@code jdk.internal.net.http.ConnectionPool.returnToPool(HttpConnection)} (the one-argument form, the same on 17
 * and 25): tells the release hook that the connection was kept alive.
 */
public final class ConnectionPoolInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.ConnectionPool");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("returnToPool").and(takesArguments(1)), ReturnToPoolAdvice.class);
    }

    public static final class ReturnToPoolAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter() {
            if (SignalBus.active()) {
                JdkHttpSignals.returnedToPool();
            }
        }
    }
}
