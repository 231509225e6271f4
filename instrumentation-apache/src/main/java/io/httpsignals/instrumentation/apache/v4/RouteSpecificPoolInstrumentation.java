package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** httpcore 4.4's {@code RouteSpecificPool}: where a lease that found the route at its limit is queued. */
public final class RouteSpecificPoolInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.http.pool.RouteSpecificPool");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("queue").and(takesArguments(1)), QueueAdvice.class);
    }
}
