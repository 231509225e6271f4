package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.bootstrap.Addresses;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;

import java.util.List;
import java.util.Map;

/**
 * Every hop's request head passes here (redirects and retries included): the headers listeners injected are set
 * on it, a hop that did not create its connection reports the pooled one it reuses, and {@code
 * request_headers_sent} follows the write (into the connection's buffer, flushed with the body).
 */
public final class SendRequestHeaderAdvice {

    private SendRequestHeaderAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.This DefaultBHttpClientConnection connection,
                                      @Advice.Argument(0) ClassicHttpRequest request) {
        if (!SignalBus.active()) {
            return null;
        }
        ApacheRequest current = ApacheTracking.current();
        if (current == null || request == null) {
            return null;
        }
        Map<String, List<String>> injected = current.trace.injectedHeaders();
        if (injected != null) {
            for (Map.Entry<String, List<String>> header : injected.entrySet()) {
                request.removeHeaders(header.getKey());
                for (String value : header.getValue()) {
                    request.addHeader(header.getKey(), value);
                }
            }
        }
        if (ApacheTracking.reusing(current)) {
            String remote = ApacheTracking.addressOf(connection);
            if (remote == null) {
                remote = ApacheTracking.rememberAddress(connection, Addresses.format(connection.getRemoteAddress()));
            }
            ApacheTracking.sending(current, connection, remote, "HTTP/1.1");
        }
        return current;
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest current, @Advice.Argument(0) ClassicHttpRequest request) {
        if (current == null) {
            return;
        }
        Map<String, List<String>> headers = null;
        if (SignalBus.wants(current.trace, Signal.REQUEST_HEADERS_SENT)) {
            headers = ApacheTracking.newHeaderMap();
            for (Header header : request.getHeaders()) {
                ApacheTracking.addHeader(headers, header.getName(), header.getValue());
            }
        }
        ApacheTracking.headersSent(current, headers);
    }
}
