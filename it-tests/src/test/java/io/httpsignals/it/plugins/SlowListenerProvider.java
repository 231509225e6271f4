package io.httpsignals.it.plugins;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;

import java.util.List;
import java.util.Map;

/**
 * {@code slow}: spends time in every callback: {@code slow.mode=sleep} sleeps 50 ms, {@code slow.mode=burn} burns
 * 1 ms of CPU.
 */
public final class SlowListenerProvider implements HttpSignalListenerProvider {

    @Override
    public String name() {
        return "slow";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        boolean sleep = options.get("mode", "sleep").equals("sleep");
        return new HttpSignalListener<Void>() {
            private void spend() {
                if (sleep) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    long until = System.nanoTime() + 1_000_000;
                    long x = 0;
                    while (System.nanoTime() < until) {
                        x += x * 31 + 7;
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                }
            }

            @Override
            public void onRequestStart(RequestTrace trace, Void c, long t, RequestHeaders headers) {
                spend();
            }

            @Override
            public void onConnectStart(RequestTrace trace, Void c, long t, String address) {
                spend();
            }

            @Override
            public void onRequestHeadersSent(RequestTrace trace, Void c, long t, Map<String, List<String>> h) {
                spend();
            }

            @Override
            public void onResponseHeadersReceived(RequestTrace trace, Void c, long t, int status, String protocol,
                                                  Map<String, List<String>> headers) {
                spend();
            }

            @Override
            public void onResponseChunkReceived(RequestTrace trace, Void c, long t, long bytes) {
                spend();
            }

            @Override
            public void onRequestEnd(RequestTrace trace, Void c, long t, int status, long sent, long received) {
                spend();
            }

            @Override
            public void onRequestException(RequestTrace trace, Void c, long t, Throwable error) {
                spend();
            }
        };
    }
}
