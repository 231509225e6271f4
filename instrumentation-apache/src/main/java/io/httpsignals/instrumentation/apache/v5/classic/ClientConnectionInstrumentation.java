package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * httpcore5's {@code DefaultBHttpClientConnection} (the class of every pooled classic connection): request head
 * and body written, response head parsed. Server connections are another class.
 */
public final class ClientConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("sendRequestHeader").and(takesArguments(1)), SendRequestHeaderAdvice.class);
        hooks.advise(named("sendRequestEntity").and(takesArguments(1)), SendRequestEntityAdvice.class);
        hooks.advise(named("receiveResponseHeader").and(takesArguments(0)), ReceiveResponseHeaderAdvice.class);
    }
}
