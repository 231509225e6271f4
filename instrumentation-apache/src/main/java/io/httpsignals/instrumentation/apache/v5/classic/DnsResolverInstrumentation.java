package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** The {@code DnsResolver} interface's default {@code resolve(String, int)} (absent in 5.2/5.3: skipped there). */
public final class DnsResolverInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.DnsResolver");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("resolve").and(takesArguments(2)).and(takesArgument(0, String.class))
                .and(takesArgument(1, int.class)), DnsResolveHostPortAdvice.class);
    }
}
