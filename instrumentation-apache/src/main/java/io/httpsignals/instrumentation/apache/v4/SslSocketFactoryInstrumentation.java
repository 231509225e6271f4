package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.instrumentation.apache.ConnectSocketAdvice;
import io.httpsignals.instrumentation.apache.CreateLayeredSocketAdvice;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** 4.5's {@code SSLConnectionSocketFactory} (https): connect, then the handshake in {@code createLayeredSocket}. */
public final class SslSocketFactoryInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.http.conn.ssl.SSLConnectionSocketFactory");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("connectSocket").and(takesArguments(6)), ConnectSocketAdvice.class);
        hooks.advise(named("createLayeredSocket").and(takesArguments(4)), CreateLayeredSocketAdvice.class);
    }
}
