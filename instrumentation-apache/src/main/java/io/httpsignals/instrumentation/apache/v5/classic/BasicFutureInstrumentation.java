package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * httpcore5's {@code BasicFuture}: the future both pools hand out for a lease, and (as {@code ComplexFuture}) what
 * the async client returns for a request and for a connect.
 */
public final class BasicFutureInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.core5.concurrent.BasicFuture");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("completed").and(takesArguments(1)), LeaseCompletedAdvice.class);
        hooks.advise(named("failed").and(takesArguments(Exception.class)), LeaseFailedAdvice.class);
        hooks.advise(named("cancel").and(takesArguments(boolean.class)), LeaseCancelledAdvice.class);
    }
}
