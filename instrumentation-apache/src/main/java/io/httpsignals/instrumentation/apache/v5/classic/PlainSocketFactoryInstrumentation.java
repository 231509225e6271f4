package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.instrumentation.apache.ConnectSocketAdvice;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** 5.x's legacy {@code PlainConnectionSocketFactory}: how 5.2/5.3 connect a plain socket. */
public final class PlainSocketFactoryInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.socket.PlainConnectionSocketFactory");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("connectSocket").and(takesArguments(6))
                .and(takesArgument(3, java.net.InetSocketAddress.class)), ConnectSocketAdvice.class);
    }
}
