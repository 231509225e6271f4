package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** {@code RedirectLocations}: {@code RedirectExec} adds each location it is about to follow. */
public final class RedirectLocationsInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.protocol.RedirectLocations");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("add").and(takesArguments(java.net.URI.class)), RedirectAdvice.class);
    }
}
