package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * 4.5's {@code InternalHttpClient} (what {@code HttpClients.createDefault()} and {@code custom().build()} return):
 * every {@code execute} overload funnels into {@code doExecute}. {@code MinimalHttpClient}
 * ({@code HttpClients.createMinimal()}) has no exec chain (no redirects, no retries) but the same {@code doExecute}.
 */
public final class InternalHttpClientInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.http.impl.client.InternalHttpClient").or(named("org.apache.http.impl.client.MinimalHttpClient"));
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("doExecute").and(takesArguments(3)), DoExecuteAdvice.class);
    }
}
