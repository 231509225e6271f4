package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.instrumentation.apache.PoolEntryLeasedAdvice;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** The pooling manager's endpoint, made around each pool entry it leases (on the thread acquiring it). */
public final class ConnectionEndpointInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager$InternalConnectionEndpoint");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor().and(takesArguments(1)), PoolEntryLeasedAdvice.class);
    }
}
