package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.nio.ManagedAsyncClientConnection;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The exchange gives its endpoint back: to the pool if the connection may be reused, else closed (the runtime
 * discards it inside). {@code kept_alive} = the connection is still open once the call returned.
 */
public final class ReleaseEndpointAdvice {

    private ReleaseEndpointAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.This Object runtime,
                                      @Advice.FieldValue("endpointRef") AtomicReference<?> endpoint) {
        if (!SignalBus.active() || endpoint == null || endpoint.get() == null) {
            return null;
        }
        return ApacheTracking.async(runtime);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request) {
        if (request != null) {
            Object connection = request.connection;
            ApacheTracking.asyncReleased(request, !(connection instanceof ManagedAsyncClientConnection)
                    || ((ManagedAsyncClientConnection) connection).isOpen());
        }
    }
}
