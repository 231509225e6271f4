package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.concurrent.Executor;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.HttpClientImpl}: both {@code send} and every public {@code sendAsync} funnel into the
 * private four-argument {@code sendAsync(request, handler, pushHandler, executor)}, so one hook sees each request
 * once (on JDK 17 and 25 alike).
 */
public final class HttpClientImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.HttpClientImpl");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("sendAsync").and(isPrivate()).and(takesArguments(4))
                        .and(takesArgument(0, named("java.net.http.HttpRequest")))
                        .and(takesArgument(3, Executor.class)),
                SendAsyncAdvice.class);
    }
}
