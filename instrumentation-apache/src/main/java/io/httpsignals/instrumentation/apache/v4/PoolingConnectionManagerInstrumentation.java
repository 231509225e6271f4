package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** 4.5's {@code PoolingHttpClientConnectionManager}: connection requests and connects. */
public final class PoolingConnectionManagerInstrumentation implements TypeInstrumentation {

    private static final String CONNECTION = "org.apache.http.HttpClientConnection";

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.http.impl.conn.PoolingHttpClientConnectionManager");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("requestConnection").and(takesArguments(2)), RequestConnectionAdvice.class);
        hooks.advise(named("connect").and(takesArguments(4)).and(takesArgument(0, named(CONNECTION))),
                ManagerConnectAdvice.class);
    }
}
