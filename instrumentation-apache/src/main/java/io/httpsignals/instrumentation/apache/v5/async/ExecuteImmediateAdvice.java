package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.api.ClientKind;
import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.net.URIAuthority;

import java.util.List;
import java.util.Map;

/** The client's own copy of the request enters the exec chain: {@code request_start} (retries re-enter: ignored). */
public final class ExecuteImmediateAdvice {

    private ExecuteImmediateAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) HttpRequest request, @Advice.Argument(2) AsyncExecChain.Scope scope) {
        if (!SignalBus.active() || request == null || scope == null) {
            return;
        }
        String url;
        URIAuthority authority = request.getAuthority();
        if (authority != null) {
            url = ApacheTracking.url(request.getScheme(), authority.getHostName(), authority.getPort(),
                    request.getPath());
        } else {
            try {
                url = request.getUri().toString();
            } catch (Exception e) {
                url = request.getRequestUri();
            }
        }
        // the application's headers only for a listener that reads request_start (summary alone does not)
        Map<String, List<String>> headers = null;
        if (SignalBus.wantsNew(Signal.REQUEST_START)) {
            headers = ApacheTracking.newHeaderMap();
            for (Header header : request.getHeaders()) {
                ApacheTracking.addHeader(headers, header.getName(), header.getValue());
            }
        }
        ApacheTracking.asyncStart(scope.execRuntime, ClientKind.APACHE_HTTPCLIENT5_ASYNC, request.getMethod(), url,
                headers);
    }
}
