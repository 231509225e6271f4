package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolVersion;

import java.util.List;
import java.util.Map;

/**
 * {@code response_headers_received} for the hop's final response head (I/O thread). The exec chain decides on
 * redirects and response-based retries inside this call: the request is this thread's current one meanwhile, so
 * those decisions are attributed to it.
 */
public final class ConsumeResponseAdvice {

    private ConsumeResponseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.FieldValue("val$execRuntime") Object runtime,
                                 @Advice.Argument(0) HttpResponse response) {
        if (!SignalBus.active() || response == null) {
            return null;
        }
        ApacheRequest request = ApacheTracking.async(runtime);
        if (request == null) {
            return null;
        }
        Map<String, List<String>> headers = null;
        if (SignalBus.wants(request.trace, Signal.RESPONSE_HEADERS_RECEIVED)) {
            headers = ApacheTracking.newHeaderMap();
            for (Header header : response.getHeaders()) {
                ApacheTracking.addHeader(headers, header.getName(), header.getValue());
            }
        }
        ProtocolVersion version = response.getVersion();
        String protocol = version != null && version.getMajor() == 2 ? "HTTP/2" : "HTTP/1.1";
        ApacheTracking.responseHeaders(request, response.getCode(), protocol, headers);
        return ApacheTracking.enterAsync(request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest previous) {
        if (previous != null) {
            ApacheTracking.exitAsync(previous);
        }
    }
}
