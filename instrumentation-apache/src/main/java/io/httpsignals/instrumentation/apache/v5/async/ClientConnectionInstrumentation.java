package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code DefaultManagedAsyncClientConnection}: made when a session connected (its identity is the connection's
 * id), and handed each exchange of a request ({@code submitCommand}).
 */
public final class ClientConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.nio.DefaultManagedAsyncClientConnection");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor(), ConnectionMadeAdvice.class);
        hooks.advise(named("submitCommand").and(takesArguments(2)), SubmitCommandAdvice.class);
    }
}
