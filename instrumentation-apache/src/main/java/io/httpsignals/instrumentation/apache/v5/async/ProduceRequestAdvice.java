package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;

import java.util.List;
import java.util.Map;

/**
 * The exchange handler hands the hop's request head to the connection (I/O thread): the headers listeners
 * injected are set on it (every hop: redirects build new heads), a hop that did not open its connection reuses one,
 * then {@code request_headers_sent} once the head went out (or, if the body is written inside this call, just before
 * its first write: see {@link ProduceDataAdvice}).
 */
public final class ProduceRequestAdvice {

    private ProduceRequestAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.FieldValue("val$execRuntime") Object runtime,
                                      @Advice.FieldValue("val$request") HttpRequest head) {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.async(runtime);
        if (request == null) {
            return null;
        }
        Map<String, List<String>> injected = request.trace.injectedHeaders();
        if (injected != null && head != null) {
            for (Map.Entry<String, List<String>> header : injected.entrySet()) {
                head.removeHeaders(header.getKey());
                for (String value : header.getValue()) {
                    head.addHeader(header.getKey(), value);
                }
            }
        }
        ApacheTracking.asyncSending(request);
        request.headPending = true;
        return request;
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.FieldValue("val$request") HttpRequest head) {
        if (request == null || !request.headPending) {
            return;
        }
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
}
