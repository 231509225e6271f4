package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** {@code InternalAbstractHttpAsyncClient}, the base of what {@code HttpAsyncClients} builds (HTTP/1.1 and h2). */
public final class AsyncClientInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("doExecute").and(takesArguments(6)), DoExecuteAdvice.class);
        // 5.2: (request, entityProducer, scope, callback); 5.6 adds the chain before the callback
        hooks.advise(named("executeImmediate").and(takesArguments(4).or(takesArguments(5))),
                ExecuteImmediateAdvice.class);
    }
}
