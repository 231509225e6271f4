package io.httpsignals.it.plugins;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;

import java.util.List;
import java.util.Map;

/** {@code throwing}: a listener that throws from every callback it gets. */
public final class ThrowingListenerProvider implements HttpSignalListenerProvider {

    @Override
    public String name() {
        return "throwing";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        return new HttpSignalListener<Void>() {
            @Override
            public void onRequestStart(RequestTrace trace, Void context, long timeNanos, RequestHeaders headers) {
                throw new IllegalStateException("boom at start");
            }

            @Override
            public void onRequestHeadersSent(RequestTrace trace, Void context, long timeNanos,
                                             Map<String, List<String>> headers) {
                throw new IllegalStateException("boom at headers");
            }

            @Override
            public void onRequestEnd(RequestTrace trace, Void context, long timeNanos, int status, long sent,
                                     long received) {
                throw new IllegalStateException("boom at end");
            }

            @Override
            public void onRequestException(RequestTrace trace, Void context, long timeNanos, Throwable error) {
                throw new IllegalStateException("boom at exception");
            }
        };
    }
}
