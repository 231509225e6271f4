package io.httpsignals.it.plugins;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;

/**
 * {@code inject}: adds {@code x-httpsignals-trace: <trace id>} to every request, so a server-side record proves
 * which trace each request on the wire belongs to. Option {@code inject.header} renames the header.
 */
public final class HeaderInjectingListenerProvider implements HttpSignalListenerProvider {

    public static final String DEFAULT_HEADER = "x-httpsignals-trace";

    @Override
    public String name() {
        return "inject";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        String header = options.get("header", DEFAULT_HEADER);
        return new HttpSignalListener<Void>() {
            @Override
            public void onRequestStart(RequestTrace trace, Void context, long timeNanos, RequestHeaders headers) {
                headers.set(header, Long.toString(trace.id()));
            }
        };
    }
}
