package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.ProtocolVersion;

import java.util.List;
import java.util.Map;

/** {@code response_headers_received} for each response head parsed (1xx included). */
public final class ReceiveResponseHeaderAdvice {

    private ReceiveResponseHeaderAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return ClassicHttpResponse response) {
        if (!SignalBus.active() || response == null) {
            return;
        }
        ApacheRequest current = ApacheTracking.current();
        if (current == null) {
            return;
        }
        Map<String, List<String>> headers = null;
        if (SignalBus.wants(current.trace, Signal.RESPONSE_HEADERS_RECEIVED)) {
            headers = ApacheTracking.newHeaderMap();
            for (Header header : response.getHeaders()) {
                ApacheTracking.addHeader(headers, header.getName(), header.getValue());
            }
        }
        ProtocolVersion version = response.getVersion();
        String protocol = version != null && version.getMajor() == 2 ? "HTTP/2" : "HTTP/1.1";
        ApacheTracking.responseHeaders(current, response.getCode(), protocol, headers);
    }
}
