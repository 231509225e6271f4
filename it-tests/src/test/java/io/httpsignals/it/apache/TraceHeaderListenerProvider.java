package io.httpsignals.it.apache;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;

/**
 * Test plugin {@code trace-header}: injects {@value #HEADER} = the request's trace id at {@code request_start}, so
 * the server's record of each request can be matched with the signals logged for it.
 */
public final class TraceHeaderListenerProvider implements HttpSignalListenerProvider {

    public static final String HEADER = "X-Signals-Trace";
    public static final String NAME = "trace-header";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        return new Injector();
    }

    static final class Injector implements HttpSignalListener<Void> {
        @Override
        public void onRequestStart(RequestTrace trace, Void context, long timeNanos, RequestHeaders headers) {
            headers.set(HEADER, Long.toString(trace.id()));
        }
    }
}
