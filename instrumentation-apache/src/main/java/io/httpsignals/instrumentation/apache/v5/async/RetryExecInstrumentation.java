package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The callback of {@code AsyncHttpRequestRetryExec} ({@code $1}, 5.2 to 5.6): on an I/O error it asks the retry
 * strategy (hooked by the classic module) whether to retry.
 */
public final class RetryExecInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.async.AsyncHttpRequestRetryExec$1");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("failed").and(takesArguments(Exception.class)), RetryFailedAdvice.class);
    }
}
