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
 * The exchange handler hands the hop's request head to the connection (I/O thread): a hop that did not open its
 * connection reuses one, then {@code request_headers_sent}.
 */
public final class ProduceRequestAdvice {

    private ProduceRequestAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.FieldValue("val$execRuntime") Object runtime) {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest request = ApacheTracking.async(runtime);
        ApacheTracking.asyncSending(request);
        return request;
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.FieldValue("val$request") HttpRequest head) {
        if (request == null) {
            return;
        }
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
