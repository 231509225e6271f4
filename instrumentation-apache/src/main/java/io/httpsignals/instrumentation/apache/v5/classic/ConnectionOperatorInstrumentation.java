package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code io.DefaultHttpClientConnectionOperator}: socket connect and TLS through its own before/after callbacks.
 * Those callbacks exist from 5.4 on; 5.2/5.3 lack them (these four hooks are reported as skipped there) and connect
 * through the legacy socket factories instead, which {@link PlainSocketFactoryInstrumentation} and
 * {@link SslSocketFactoryInstrumentation} observe.
 */
public final class ConnectionOperatorInstrumentation implements TypeInstrumentation {

    private static final String CONNECTION = "org.apache.hc.client5.http.io.ManagedHttpClientConnection";
    private static final String CONTEXT = "org.apache.hc.core5.http.protocol.HttpContext";

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("connect").and(takesArgument(0, named(CONNECTION))), OperatorConnectAdvice.class);
        hooks.advise(callback("onBeforeSocketConnect"), BeforeSocketConnectAdvice.class);
        hooks.advise(callback("onAfterSocketConnect"), AfterSocketConnectAdvice.class);
        hooks.advise(callback("onBeforeTlsHandshake"), BeforeTlsHandshakeAdvice.class);
        hooks.advise(callback("onAfterTlsHandshake"), AfterTlsHandshakeAdvice.class);
    }

    private static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> callback(String name) {
        return named(name).and(takesArguments(2)).and(takesArgument(0, named(CONTEXT)));
    }
}
