package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** {@code DefaultHttpRequestRetryStrategy}, the default; application-written strategies are not observed. */
public final class RetryStrategyInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("retryRequest").and(takesArguments(4)).and(takesArgument(1, java.io.IOException.class)),
                RetryOnExceptionAdvice.class);
        hooks.advise(named("retryRequest").and(takesArguments(3))
                .and(takesArgument(0, named("org.apache.hc.core5.http.HttpResponse"))), RetryOnResponseAdvice.class);
    }
}
