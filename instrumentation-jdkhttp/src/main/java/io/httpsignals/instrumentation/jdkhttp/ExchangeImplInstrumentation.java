package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.ExchangeImpl.createHttp1Exchange(Exchange, HttpConnection)}: the only caller of the
 * {@code Http1Exchange} constructor, which resolves the host and takes a connection for the hop
 * ({@code request.getAddress()}, {@code HttpConnection.getConnection(...)}). Those hooks see only the hop's
 * request, so the hop is handed to them for this method's duration (hooked here rather than on the constructor,
 * whose advice could not run when it throws).
 */
public final class ExchangeImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.ExchangeImpl");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("createHttp1Exchange").and(isStatic()).and(takesArguments(2))
                        .and(takesArgument(0, named("jdk.internal.net.http.Exchange"))),
                AcquireAdvice.class);
    }

    public static final class AcquireAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.Argument(0) Object exchange) {
            return SignalBus.active() ? JdkHttpTraces.enterAcquiring(exchange) : null;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object acquiring) {
            if (acquiring != null) {
                JdkHttpTraces.exitAcquiring(acquiring);
            }
        }
    }
}
