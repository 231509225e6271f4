package com.example.httpsignals;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestTrace;

/**
 * A listener plugin in a few lines: prints the requests slower than {@code httpsignals.slow-requests.threshold.ms}
 * (default 1000) to stderr. Registered in {@code META-INF/services/io.httpsignals.api.HttpSignalListenerProvider}.
 */
public final class SlowRequestsProvider implements HttpSignalListenerProvider {

    @Override
    public String name() {
        return "slow-requests";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        long thresholdNanos = Long.parseLong(options.get("threshold.ms", "1000")) * 1_000_000L;
        return new HttpSignalListener<Void>() {
            @Override
            public void onRequestEnd(RequestTrace trace, Void context, long timeNanos, int status,
                                     long bytesSent, long bytesReceived) {
                long took = timeNanos - trace.startNanos();
                if (took >= thresholdNanos) {
                    System.err.println("slow-requests: " + trace.method() + " " + trace.url() + " " + status
                            + " took " + took / 1_000_000 + " ms");
                }
            }
        };
    }
}
