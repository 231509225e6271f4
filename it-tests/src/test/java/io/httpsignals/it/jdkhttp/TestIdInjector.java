package io.httpsignals.it.jdkhttp;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;

/** Test plugin {@code inject-test-id}: adds {@code x-test-id: <trace id>} to every request at request_start. */
public final class TestIdInjector implements HttpSignalListenerProvider {

    public static final String HEADER = "x-test-id";

    @Override
    public String name() {
        return "inject-test-id";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        return new Listener();
    }

    static final class Listener implements HttpSignalListener<Object> {
        @Override
        public void onRequestStart(RequestTrace trace, Object context, long timeNanos, RequestHeaders headers) {
            headers.set(HEADER, Long.toString(trace.id()));
        }
    }
}
