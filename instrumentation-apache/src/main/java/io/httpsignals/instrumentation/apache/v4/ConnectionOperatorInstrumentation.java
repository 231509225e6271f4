package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** 4.5's {@code DefaultHttpClientConnectionOperator}: resolves the host and tries each address. */
public final class ConnectionOperatorInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.http.impl.conn.DefaultHttpClientConnectionOperator");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("connect").and(takesArguments(6)), OperatorConnectAdvice.class);
    }
}
