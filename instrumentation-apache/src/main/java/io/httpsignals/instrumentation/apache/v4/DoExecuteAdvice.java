package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.api.ClientKind;
import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.apache.ApacheRequest;
import io.httpsignals.bootstrap.apache.ApacheTracking;
import net.bytebuddy.asm.Advice;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.HttpUriRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code request_start} when the application executes a request; the terminal signal when {@code doExecute}
 * throws, or when it returns and no connection is held any more (else when the entity is consumed or closed).
 */
public final class DoExecuteAdvice {

    // 4.5 is compiled for Java 6: advice inlined there must not use invokedynamic (no string '+', no lambdas)

    private DoExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ApacheRequest enter(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) HttpRequest request) {
        if (!SignalBus.active() || request == null) {
            return null;
        }
        String url;
        String method;
        if (request instanceof HttpUriRequest) {
            // not getRequestLine(): HttpRequestBase makes a new one per call
            URI uri = ((HttpUriRequest) request).getURI();
            url = !uri.isAbsolute() && target != null ? target.toURI().concat(uri.toString()) : uri.toString();
            method = ((HttpUriRequest) request).getMethod();
        } else {
            url = (target != null ? target.toURI() : "").concat(request.getRequestLine().getUri());
            method = request.getRequestLine().getMethod();
        }
        // the application's headers only for a listener that reads request_start (summary alone does not)
        Map<String, List<String>> headers = null;
        if (SignalBus.wantsNew(Signal.REQUEST_START)) {
            headers = ApacheTracking.newHeaderMap();
            for (Header header : request.getAllHeaders()) {
                ApacheTracking.addHeader(headers, header.getName(), header.getValue());
            }
        }
        return ApacheTracking.start(ClientKind.APACHE_HTTPCLIENT4, method, url, headers);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter ApacheRequest request, @Advice.Thrown Throwable thrown) {
        if (request != null) {
            ApacheTracking.returned(request, thrown);
        }
    }
}
