package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** 4.5's default {@code SystemDefaultDnsResolver} (custom {@code DnsResolver}s are not observed in 4.5). */
public final class SystemDefaultDnsResolverInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.http.impl.conn.SystemDefaultDnsResolver");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("resolve").and(takesArguments(String.class)), DnsResolveAdvice.class);
    }
}
