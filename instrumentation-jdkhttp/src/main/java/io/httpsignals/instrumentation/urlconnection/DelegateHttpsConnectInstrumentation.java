package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code AbstractDelegateHttpsURLConnection.connect()} runs the TLS handshake after {@code plainConnect0} has
 * returned, so a handshake failure surfaces here.
 */
public final class DelegateHttpsConnectInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("connect").and(takesArguments(0)), FailureEndsRequestAdvice.class);
    }
}
