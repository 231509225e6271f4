package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** {@code InternalHttpAsyncExecRuntime}, one per async {@code execute}: lease, connect, use, release of its endpoint. */
public final class AsyncExecRuntimeInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.async.InternalHttpAsyncExecRuntime");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("acquireEndpoint").and(takesArguments(5)), AcquireEndpointAdvice.class);
        hooks.advise(named("connectEndpoint").and(takesArguments(2)), ConnectEndpointAdvice.class);
        hooks.advise(named("execute").and(takesArguments(3)).and(isPublic()), RuntimeExecuteAdvice.class);
        hooks.advise(named("releaseEndpoint").and(takesArguments(0)), ReleaseEndpointAdvice.class);
        hooks.advise(named("discardEndpoint").and(takesArguments(0)).and(isPublic()), DiscardEndpointAdvice.class);
    }
}
