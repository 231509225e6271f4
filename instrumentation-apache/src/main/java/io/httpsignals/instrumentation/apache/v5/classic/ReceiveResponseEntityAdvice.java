package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.impl.io.ChunkedInputStream;
import org.apache.hc.core5.http.impl.io.ContentLengthInputStream;
import org.apache.hc.core5.http.impl.io.IdentityInputStream;

import java.io.InputStream;

/**
 * Remembers the stream the response body will be read from: the application reads it after {@code execute}
 * returned, possibly on another thread, and those reads are this request's {@code response_chunk_received}.
 */
public final class ReceiveResponseEntityAdvice {

    private ReceiveResponseEntityAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) ClassicHttpResponse response) {
        if (!SignalBus.active() || response == null) {
            return;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return;
        }
        try {
            InputStream stream = entity.getContent();
            if (stream instanceof ContentLengthInputStream || stream instanceof ChunkedInputStream
                    || stream instanceof IdentityInputStream) {
                ApacheTracking.entityStream(ApacheTracking.current(), stream);
            }
        } catch (java.io.IOException ignored) {
            // no body stream: no chunks to report
        }
    }
}
