package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** {@code InternalExecRuntime}, one per {@code execute}: where each hop leases its connection endpoint. */
public final class InternalExecRuntimeInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.classic.InternalExecRuntime");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("acquireEndpoint").and(takesArguments(4)), AcquireEndpointAdvice.class);
    }
}
