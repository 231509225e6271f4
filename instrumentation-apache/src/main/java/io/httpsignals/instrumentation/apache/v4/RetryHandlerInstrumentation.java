package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** 4.5's {@code DefaultHttpRequestRetryHandler} (and subclasses that keep its method). */
public final class RetryHandlerInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.http.impl.client.DefaultHttpRequestRetryHandler");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("retryRequest").and(takesArguments(3)), RetryAdvice.class);
    }
}
