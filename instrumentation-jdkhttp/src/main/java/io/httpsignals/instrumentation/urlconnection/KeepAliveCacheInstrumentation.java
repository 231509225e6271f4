package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.URL;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code KeepAliveCache.put(url, key, client)}: the connection goes back to the cache (HTTP and HTTPS alike),
 * before any other thread can take it.
 */
public final class KeepAliveCacheInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.www.http.KeepAliveCache");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("put").and(takesArguments(3)).and(takesArgument(0, URL.class)), KeptAliveAdvice.class);
    }
}
