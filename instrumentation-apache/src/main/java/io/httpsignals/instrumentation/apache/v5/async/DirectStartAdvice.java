package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.net.SocketAddress;

/** {@code connect_start} to an address known without a lookup. */
public final class DirectStartAdvice {

    private DirectStartAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object callback,
                            @Advice.FieldValue("val$remoteAddress") SocketAddress address) {
        if (SignalBus.active()) {
            ApacheTracking.asyncCallback(callback);
            ApacheTracking.asyncConnectStart(ApacheTracking.asyncByCallback(callback), address);
        }
    }
}
