package io.httpsignals.it.plugins;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@code recursive}: makes its own HTTP request (to option {@code recursive.url}) from inside every request_start
 * callback. Those requests must emit no signals.
 */
public final class RecursiveListenerProvider implements HttpSignalListenerProvider {

    @Override
    public String name() {
        return "recursive";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        URI target = URI.create(options.get("url"));
        HttpClient client = HttpClient.newHttpClient();
        return new HttpSignalListener<Void>() {
            @Override
            public void onRequestStart(RequestTrace trace, Void context, long timeNanos, RequestHeaders headers) {
                try {
                    client.send(HttpRequest.newBuilder(target).build(), HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
