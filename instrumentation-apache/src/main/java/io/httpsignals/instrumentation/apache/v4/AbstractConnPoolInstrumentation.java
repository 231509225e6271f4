package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.instrumentation.apache.PoolReleaseAdvice;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** httpcore 4.4's {@code AbstractConnPool} (4.5's {@code CPool}): the blocking lease loop, and entries given back. */
public final class AbstractConnPoolInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.http.pool.AbstractConnPool");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("getPoolEntryBlocking").and(takesArguments(5)), GetPoolEntryBlockingAdvice.class);
        hooks.advise(named("release").and(takesArguments(2)).and(not(isBridge())), PoolReleaseAdvice.class);
    }
}
