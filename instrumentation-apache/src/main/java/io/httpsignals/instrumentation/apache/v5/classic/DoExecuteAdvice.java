package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.api.ClientKind;
import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.net.URIAuthority;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code request_start} when the application executes a request; the terminal signal when {@code doExecute}
 * throws, or when it returns and no connection is held any more (else when the entity is consumed or closed).
 */
public final class DoExecuteAdvice {

    private DoExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.Argument(0) HttpHost target,
                                      @Advice.Argument(1) ClassicHttpRequest request) {
        if (!SignalBus.active() || request == null) {
            return null;
        }
        String url;
        URIAuthority authority = request.getAuthority();
        if (authority != null) {
            url = ApacheTracking.url(request.getScheme(), authority.getHostName(), authority.getPort(),
                    request.getPath());
        } else {
            try {
                URI uri = request.getUri();
                url = !uri.isAbsolute() && target != null ? target.toURI() + uri : uri.toString();
            } catch (Exception e) {
                url = (target != null ? target.toURI() : "") + request.getRequestUri();
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
        return ApacheTracking.start(ClientKind.APACHE_HTTPCLIENT5, request.getMethod(), url, headers);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.Thrown Throwable thrown) {
        if (request != null) {
            ApacheTracking.returned(request, thrown);
        }
    }
}
