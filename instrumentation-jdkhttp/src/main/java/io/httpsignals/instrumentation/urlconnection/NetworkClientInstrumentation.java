package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code sun.net.NetworkClient.doConnect(host, port)}: resolves the host (see
 * {@link InetSocketAddressInstrumentation}) and connects.
 */
public final class NetworkClientInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.NetworkClient");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("doConnect").and(takesArguments(String.class, int.class)), DoConnectAdvice.class);
    }
}
