package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import io.httpsignals.api.Signal;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;

import java.util.List;
import java.util.Map;

/**
 * The exchange writes (part of) its request body into the stream's data channel (I/O thread): the request is the
 * thread's current one for the call, so the channel's writes are its {@code request_chunk_sent}s.
 */
public final class ProduceDataAdvice {

    private ProduceDataAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.FieldValue("val$execRuntime") Object runtime,
                                 @Advice.FieldValue("val$request") HttpRequest head) {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.async(runtime);
        if (request != null && request.headPending) {
            // the body is written while the head is being sent: the head went out first
            request.headPending = false;
            Map<String, List<String>> headers = null;
            if (head != null && SignalBus.wants(request.trace, Signal.REQUEST_HEADERS_SENT)) {
                headers = ApacheTracking.newHeaderMap();
                for (Header header : head.getHeaders()) {
                    ApacheTracking.addHeader(headers, header.getName(), header.getValue());
                }
            }
            ApacheTracking.headersSent(request, headers);
        }
        return request == null ? null : ApacheTracking.enterAsyncSending(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest previous) {
        if (previous != null) {
            ApacheTracking.exitAsyncSending(previous);
        }
    }
}
