package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.instrumentation.apache.PoolReleaseAdvice;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * httpcore5's route-segmented pool ({@code PoolConcurrencyPolicy.OFFLOCK}, httpcore5 5.4 and newer): a lease it
 * cannot grant at once is queued (the waiting thread ends the wait, as with the other pools), and releases.
 */
public final class RouteSegmentedConnPoolInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.core5.pool.RouteSegmentedConnPool");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("lease").and(takesArguments(4)), PoolLeaseAdvice.class);
        hooks.advise(named("release").and(takesArguments(2)).and(not(isBridge())), PoolReleaseAdvice.class);
    }
}
