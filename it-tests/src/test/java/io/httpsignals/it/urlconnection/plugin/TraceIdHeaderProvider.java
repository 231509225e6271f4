package io.httpsignals.it.urlconnection.plugin;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;

/**
 * Test plugin {@code trace-id-header}: injects {@code X-Signals-Trace: <trace id>} into every request, so a server
 * echoing it back proves which request a response belongs to. Packaged with {@code PluginJars} at test time.
 */
public final class TraceIdHeaderProvider implements HttpSignalListenerProvider {

    public static final String HEADER = "X-Signals-Trace";

    @Override
    public String name() {
        return "trace-id-header";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        return new HttpSignalListener<Void>() {
            @Override
            public void onRequestStart(RequestTrace trace, Void context, long timeNanos, RequestHeaders headers) {
                headers.set(HEADER, Long.toString(trace.id()));
            }
        };
    }
}
