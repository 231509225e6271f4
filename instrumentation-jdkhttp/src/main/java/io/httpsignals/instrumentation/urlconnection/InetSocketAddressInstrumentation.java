package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code new InetSocketAddress(host, port)}: where {@code NetworkClient.doConnect} resolves the host name. The
 * advice acts only on the thread and host {@link DoConnectAdvice} marked; any other use costs one thread-local read
 * while a listener is enabled.
 */
public final class InetSocketAddressInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.net.InetSocketAddress");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor().and(takesArguments(String.class, int.class)), ResolveAdvice.class);
    }
}
