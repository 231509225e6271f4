package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.Proxy;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code sun.net.www.protocol.https.HttpsClient}: every {@code New} overload ends in
 * {@code New(factory, url, verifier, proxy, useCache, timeout, connection)} (JDK 17 and 25), and the handshake
 * of a new connection runs in {@code afterConnect()}.
 */
public final class HttpsClientInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.www.protocol.https.HttpsClient");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("New").and(isStatic()).and(takesArguments(7)).and(takesArgument(3, Proxy.class)),
                HttpsClientNewAdvice.class);
        hooks.advise(named("afterConnect").and(takesArguments(0)), TlsHandshakeAdvice.class);
    }
}
