package io.httpsignals.otel;

import io.httpsignals.api.RequestTrace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * Synthetic signal sequences, as the bus would deliver them, with times in milliseconds after the request start so
 * the expected durations are readable.
 */
final class Requests {

    /** Near the real clock, since idle connections expire by {@link System#nanoTime()}. */
    static final long T0 = System.nanoTime();

    final OtelListener l;
    final RequestTrace trace;
    final RequestState s;
    final Fakes.Headers headers = new Fakes.Headers();
    /** The protocol of the connection in use, which the responses then speak. */
    String protocol = "HTTP/1.1";

    Requests(OtelListener listener, String method, String url) {
        this.l = listener;
        this.trace = Fakes.Trace.of(method, url, T0);
        this.s = listener.newContext(trace);
    }

    static long at(double ms) {
        return T0 + (long) (ms * 1_000_000);
    }

    Requests start() {
        l.onRequestStart(trace, s, T0, headers);
        return this;
    }

    Requests queued(double from, double to, Throwable error) {
        l.onConnectionQueuedStart(trace, s, at(from), 2, 1, 2);
        l.onConnectionQueuedEnd(trace, s, at(to), error);
        return this;
    }

    /** A new connection: DNS, one connect, TLS when {@code tls}; 10 ms per step from {@code from}. */
    Requests create(double from, long id, boolean tls) {
        l.onConnectionCreateStart(trace, s, at(from));
        l.onDnsResolveHostStart(trace, s, at(from), "example.test");
        l.onDnsResolveHostEnd(trace, s, at(from + 10), "example.test", List.of(address("10.0.0.7")), null);
        l.onConnectStart(trace, s, at(from + 10), "10.0.0.7:443");
        l.onConnectEnd(trace, s, at(from + 20), "10.0.0.7:443", null);
        if (tls) {
            l.onTlsHandshakeStart(trace, s, at(from + 20));
            l.onTlsHandshakeEnd(trace, s, at(from + 30), "TLSv1.3", "TLS_AES_128_GCM_SHA256", "h2", null);
        }
        protocol = tls ? "HTTP/2" : "HTTP/1.1";
        l.onConnectionCreateEnd(trace, s, at(from + (tls ? 30 : 20)), id, "10.0.0.7:443", protocol, null);
        return this;
    }

    Requests reuse(double at, long id) {
        return reuse(at, id, protocol);
    }

    Requests reuse(double at, long id, String protocol) {
        this.protocol = protocol;
        l.onConnectionReused(trace, s, at(at), id, "10.0.0.7:443", protocol);
        return this;
    }

    /** Sends at {@code from} (+2 ms body), response headers at {@code headersAt}, body until {@code bodyEnd}. */
    Requests exchange(double from, double headersAt, int status, double bodyEnd) {
        l.onRequestHeadersSent(trace, s, at(from), Map.of());
        l.onRequestChunkSent(trace, s, at(from + 2), 100);
        l.onResponseHeadersReceived(trace, s, at(headersAt), status, protocol, Map.of());
        l.onResponseChunkReceived(trace, s, at(bodyEnd), 42);
        return this;
    }

    Requests released(double at, long id, boolean keptAlive) {
        l.onConnectionReleased(trace, s, at(at), id, keptAlive);
        return this;
    }

    Requests end(double at, int status) {
        l.onRequestEnd(trace, s, at(at), status, 100, 42);
        return this;
    }

    Requests fail(double at, Throwable error) {
        l.onRequestException(trace, s, at(at), error);
        return this;
    }

    static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
