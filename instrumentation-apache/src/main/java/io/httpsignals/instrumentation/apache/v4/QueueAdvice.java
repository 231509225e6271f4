package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.http.pool.AbstractConnPool;

import java.util.Collection;

/**
 * The route's pool is at its limit and the lease queues: {@code connection_queued_start} with the route's figures
 * (the pool lock is held, so they are exact). The lease loop re-queues after every wake-up; only the first counts.
 */
public final class QueueAdvice {

    private QueueAdvice() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("route") Object route,
                             @Advice.FieldValue("leased") Collection<?> leased,
                             @Advice.FieldValue("pending") Collection<?> pending) {
        if (!SignalBus.active()) {
            return;
        }
        ApacheRequest request = ApacheTracking.current();
        if (request == null || request.queued) {
            return;
        }
        Object pool = ApacheTracking.leasingFrom();
        int max = pool instanceof AbstractConnPool ? ((AbstractConnPool) pool).getMaxPerRoute(route) : -1;
        ApacheTracking.queued(request, null, leased.size(), pending.size(), max);
    }
}
