package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** {@code io.PoolingHttpClientConnectionManager}: opening a connection for a leased endpoint. */
public final class PoolingConnectionManagerInstrumentation implements TypeInstrumentation {

    private static final String ENDPOINT = "org.apache.hc.client5.http.io.ConnectionEndpoint";

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("connect").and(takesArguments(3)).and(takesArgument(0, named(ENDPOINT))),
                ManagerConnectAdvice.class);
    }
}
