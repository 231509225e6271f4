package io.httpsignals.benchmarks.jmh;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Overrides every callback with an empty body, so the bus sees it as wanting every signal and the benchmarks
 * measure the full dispatch path and nothing of a listener's own work.
 */
public final class NoOpListener implements HttpSignalListener<Void> {

    @Override
    public void onRequestStart(RequestTrace trace, Void context, long timeNanos, RequestHeaders headers) {
    }

    @Override
    public void onConnectionQueuedStart(RequestTrace trace, Void context, long timeNanos, int leased, int pending,
                                        int max) {
    }

    @Override
    public void onConnectionQueuedEnd(RequestTrace trace, Void context, long timeNanos, Throwable error) {
    }

    @Override
    public void onConnectionReused(RequestTrace trace, Void context, long timeNanos, long connectionId,
                                   String remoteAddress, String protocol) {
    }

    @Override
    public void onConnectionCreateStart(RequestTrace trace, Void context, long timeNanos) {
    }

    @Override
    public void onConnectionCreateEnd(RequestTrace trace, Void context, long timeNanos, long connectionId,
                                      String remoteAddress, String protocol, Throwable error) {
    }

    @Override
    public void onDnsResolveHostStart(RequestTrace trace, Void context, long timeNanos, String host) {
    }

    @Override
    public void onDnsResolveHostEnd(RequestTrace trace, Void context, long timeNanos, String host,
                                    List<InetAddress> addresses, Throwable error) {
    }

    @Override
    public void onConnectStart(RequestTrace trace, Void context, long timeNanos, String address) {
    }

    @Override
    public void onConnectEnd(RequestTrace trace, Void context, long timeNanos, String address, Throwable error) {
    }

    @Override
    public void onTlsHandshakeStart(RequestTrace trace, Void context, long timeNanos) {
    }

    @Override
    public void onTlsHandshakeEnd(RequestTrace trace, Void context, long timeNanos, String tlsVersion,
                                  String cipherSuite, String alpn, Throwable error) {
    }

    @Override
    public void onRequestHeadersSent(RequestTrace trace, Void context, long timeNanos,
                                     Map<String, List<String>> headers) {
    }

    @Override
    public void onRequestChunkSent(RequestTrace trace, Void context, long timeNanos, long bytes) {
    }

    @Override
    public void onResponseHeadersReceived(RequestTrace trace, Void context, long timeNanos, int status,
                                          String protocol, Map<String, List<String>> headers) {
    }

    @Override
    public void onResponseChunkReceived(RequestTrace trace, Void context, long timeNanos, long bytes) {
    }

    @Override
    public void onRequestRedirect(RequestTrace trace, Void context, long timeNanos, int status, String location) {
    }

    @Override
    public void onRequestRetry(RequestTrace trace, Void context, long timeNanos, String reason) {
    }

    @Override
    public void onConnectionReleased(RequestTrace trace, Void context, long timeNanos, long connectionId,
                                     boolean keptAlive) {
    }

    @Override
    public void onRequestEnd(RequestTrace trace, Void context, long timeNanos, int status, long bytesSent,
                             long bytesReceived) {
    }

    @Override
    public void onRequestException(RequestTrace trace, Void context, long timeNanos, Throwable error) {
    }
}
