package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * httpcore 4.4.s {@code DefaultBHttpClientConnection} (what every pooled 4.5 connection extends): request head
 * and body written, response head parsed, response body stream created. Server connections are another class.
 */
public final class ClientConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.http.impl.DefaultBHttpClientConnection");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("sendRequestHeader").and(takesArguments(1)), SendRequestHeaderAdvice.class);
        hooks.advise(named("sendRequestEntity").and(takesArguments(1)), SendRequestEntityAdvice.class);
        hooks.advise(named("receiveResponseHeader").and(takesArguments(0)), ReceiveResponseHeaderAdvice.class);
    }
}
