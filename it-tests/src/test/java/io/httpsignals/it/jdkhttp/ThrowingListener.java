package io.httpsignals.it.jdkhttp;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/** Test plugin {@code thrower}: throws from every callback; the application must not notice. */
public final class ThrowingListener implements HttpSignalListenerProvider {

    @Override
    public String name() {
        return "thrower";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        return new Listener();
    }

    static final class Listener implements HttpSignalListener<Object> {
        private static RuntimeException boom() {
            return new IllegalStateException("thrower listener");
        }

        @Override
        public Object newContext(RequestTrace trace) {
            throw boom();
        }

        @Override
        public void onRequestStart(RequestTrace trace, Object context, long timeNanos, RequestHeaders headers) {
            throw boom();
        }

        @Override
        public void onConnectionQueuedStart(RequestTrace trace, Object context, long timeNanos, int leased, int pending, int max) {
            throw boom();
        }

        @Override
        public void onConnectionQueuedEnd(RequestTrace trace, Object context, long timeNanos, Throwable error) {
            throw boom();
        }

        @Override
        public void onConnectionReused(RequestTrace trace, Object context, long timeNanos, long connectionId, String remoteAddress, String protocol) {
            throw boom();
        }

        @Override
        public void onConnectionCreateStart(RequestTrace trace, Object context, long timeNanos) {
            throw boom();
        }

        @Override
        public void onConnectionCreateEnd(RequestTrace trace, Object context, long timeNanos, long connectionId, String remoteAddress, String protocol, Throwable error) {
            throw boom();
        }

        @Override
        public void onDnsResolveHostStart(RequestTrace trace, Object context, long timeNanos, String host) {
            throw boom();
        }

        @Override
        public void onDnsResolveHostEnd(RequestTrace trace, Object context, long timeNanos, String host, List<InetAddress> addresses, Throwable error) {
            throw boom();
        }

        @Override
        public void onConnectStart(RequestTrace trace, Object context, long timeNanos, String address) {
            throw boom();
        }

        @Override
        public void onConnectEnd(RequestTrace trace, Object context, long timeNanos, String address, Throwable error) {
            throw boom();
        }

        @Override
        public void onTlsHandshakeStart(RequestTrace trace, Object context, long timeNanos) {
            throw boom();
        }

        @Override
        public void onTlsHandshakeEnd(RequestTrace trace, Object context, long timeNanos, String tlsVersion, String cipherSuite, String alpn, Throwable error) {
            throw boom();
        }

        @Override
        public void onRequestHeadersSent(RequestTrace trace, Object context, long timeNanos, Map<String, List<String>> headers) {
            throw boom();
        }

        @Override
        public void onRequestChunkSent(RequestTrace trace, Object context, long timeNanos, long bytes) {
            throw boom();
        }

        @Override
        public void onResponseHeadersReceived(RequestTrace trace, Object context, long timeNanos, int status, String protocol, Map<String, List<String>> headers) {
            throw boom();
        }

        @Override
        public void onResponseChunkReceived(RequestTrace trace, Object context, long timeNanos, long bytes) {
            throw boom();
        }

        @Override
        public void onRequestRedirect(RequestTrace trace, Object context, long timeNanos, int status, String location) {
            throw boom();
        }

        @Override
        public void onRequestRetry(RequestTrace trace, Object context, long timeNanos, String reason) {
            throw boom();
        }

        @Override
        public void onConnectionReleased(RequestTrace trace, Object context, long timeNanos, long connectionId, boolean keptAlive) {
            throw boom();
        }

        @Override
        public void onRequestEnd(RequestTrace trace, Object context, long timeNanos, int status, long bytesSent, long bytesReceived) {
            throw boom();
        }

        @Override
        public void onRequestException(RequestTrace trace, Object context, long timeNanos, Throwable error) {
            throw boom();
        }
    }
}
