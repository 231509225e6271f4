package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.instrumentation.apache.CreateLayeredSocketAdvice;
import io.httpsignals.instrumentation.apache.TlsConnectSocketAdvice;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * 5.x's legacy {@code SSLConnectionSocketFactory}: how 5.2/5.3 connect and handshake a TLS socket (the forms the
 * operator calls; the shorter overloads delegate to them).
 */
public final class SslSocketFactoryInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.ssl.SSLConnectionSocketFactory");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("connectSocket").and(takesArguments(7))
                .and(takesArgument(2, java.net.InetSocketAddress.class)), TlsConnectSocketAdvice.class);
        hooks.advise(named("createLayeredSocket").and(takesArguments(5)), CreateLayeredSocketAdvice.class);
    }
}
