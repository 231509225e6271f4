package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

import java.nio.ByteBuffer;

/** {@code response_chunk_received} for each body buffer the connection hands to the exchange (I/O thread). */
public final class ConsumeDataAdvice {

    private ConsumeDataAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.FieldValue("val$execRuntime") Object runtime,
                             @Advice.Argument(0) ByteBuffer data) {
        if (SignalBus.active() && data != null) {
            ApacheTracking.chunkReceived(ApacheTracking.async(runtime), data.remaining());
        }
    }
}
