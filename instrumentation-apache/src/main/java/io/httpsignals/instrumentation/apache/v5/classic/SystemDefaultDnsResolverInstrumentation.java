package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** The default {@code SystemDefaultDnsResolver}. */
public final class SystemDefaultDnsResolverInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.SystemDefaultDnsResolver");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("resolve").and(takesArguments(String.class)), DnsResolveAdvice.class);
    }
}
