package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** {@code nio.PoolingAsyncClientConnectionManager}: opening a connection for a leased async endpoint. */
public final class AsyncConnectionManagerInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("connect").and(takesArguments(6)), ManagerConnectAdvice.class);
    }
}
