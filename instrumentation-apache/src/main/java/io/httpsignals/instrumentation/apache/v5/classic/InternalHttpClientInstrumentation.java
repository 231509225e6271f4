package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code InternalHttpClient}, what {@code HttpClients.createDefault()}, {@code custom().build()} and
 * {@code createSystem()} return: every {@code execute} overload funnels into {@code doExecute}. {@code MinimalHttpClient}
 * ({@code HttpClients.createMinimal()}) has no exec chain (no redirects, no retries) but the same {@code doExecute}
 * and exec runtime.
 */
public final class InternalHttpClientInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.classic.InternalHttpClient").or(named("org.apache.hc.client5.http.impl.classic.MinimalHttpClient"));
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("doExecute").and(takesArguments(3)), DoExecuteAdvice.class);
    }
}
