package io.httpsignals.instrumentation.apache;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/**
 * A pool gets an entry back ({@code release(entry, reusable)}): the classic manager gives it back at the entity's
 * end, when the response is closed, at once for a response without a streamed entity, or closed after a failure;
 * {@code reusable} = the connection is still open and goes back to the pool. Entries leased by no observed
 * request (async clients share the 5.x pools) cost one lookup.
 */
public final class PoolReleaseAdvice {

    private PoolReleaseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object entry, @Advice.Argument(1) boolean reusable) {
        if (SignalBus.active() && entry != null) {
            ApacheTracking.released(entry, reusable);
        }
    }
}
