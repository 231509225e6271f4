package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.net.NamedEndpoint;

/**
 * The session requester made the runnable that tries the resolved addresses: the lookup ended with them, and the
 * runnable belongs to the request connecting on this thread.
 */
public final class AttemptsMadeAdvice {

    private AttemptsMadeAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object attempts,
                            @Advice.FieldValue("val$remoteEndpoint") NamedEndpoint endpoint,
                            @Advice.FieldValue("val$remoteAddresses") Object addresses) {
        if (SignalBus.active()) {
            ApacheTracking.asyncCallback(attempts);
            ApacheTracking.asyncDnsResolved(endpoint != null ? endpoint.getHostName() : null, addresses);
        }
    }
}
