package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;

/** {@code request_chunk_sent}: the bytes of the body the channel accepted (only inside a client's produce call). */
public final class ChannelWriteAdvice {

    private ChannelWriteAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return int written) {
        if (written > 0 && SignalBus.active()) {
            ApacheTracking.chunkSent(ApacheTracking.current(), written);
        }
    }
}
