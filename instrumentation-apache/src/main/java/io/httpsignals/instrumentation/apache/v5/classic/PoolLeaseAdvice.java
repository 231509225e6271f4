package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.pool.ConnPoolStats;
import org.apache.hc.core5.pool.PoolStats;

import java.util.concurrent.Future;

/**
 * A lease the pool could not grant at once (route or total limit reached) returns a future that is not done yet:
 * {@code connection_queued_start} with the route's figures, taken right after this request was queued.
 */
public final class PoolLeaseAdvice {

    private PoolLeaseAdvice() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This ConnPoolStats pool, @Advice.Argument(0) Object route,
                            @Advice.Return Future<?> future) {
        if (!SignalBus.active() || future == null || future.isDone()) {
            return;
        }
        ApacheRequest current = ApacheTracking.current();
        if (current == null) {
            return;
        }
        PoolStats stats = pool.getStats(route);
        ApacheTracking.queued(current, future, stats.getLeased(), Math.max(0, stats.getPending() - 1),
                stats.getMax());
    }
}
