package io.httpsignals.benchmarks.jmh;

import io.httpsignals.api.ClientKind;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * A whole request's worth of signals (15), in the order a hook emits them for a plain HTTP/1.1 GET on a new
 * connection: start, connection setup (DNS, connect), headers, one small body chunk sent, response headers, three
 * body chunks, release, end. The argument values are built once, as a client would already hold them.
 */
final class Requests {

    static final String URL = "http://localhost:8080/api/items?page=2";
    static final Map<String, List<String>> REQUEST_HEADERS =
            Map.of("Accept", List.of("application/json"), "User-Agent", List.of("bench/1.0"));
    static final Map<String, List<String>> SENT_HEADERS = Map.of("Accept", List.of("application/json"),
            "User-Agent", List.of("bench/1.0"), "Host", List.of("localhost:8080"));
    static final Map<String, List<String>> RESPONSE_HEADERS = Map.of("Content-Type", List.of("application/json"),
            "Content-Length", List.of("1200"), "Date", List.of("Sat, 28 Nov 2026 00:00:00 GMT"));
    static final List<InetAddress> ADDRESSES;

    static {
        try {
            ADDRESSES = List.of(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}));
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Requests() {
    }

    /** Emits the 15 signals of one request; returns the trace ({@code null} when no listener is enabled). */
    static Trace run(long connectionId) {
        return run(connectionId, REQUEST_HEADERS, SENT_HEADERS, RESPONSE_HEADERS);
    }

    /** The same 15 signals with these header maps (a benchmark that builds them as a hook does). */
    static Trace run(long connectionId, Map<String, List<String>> requestHeaders,
                     Map<String, List<String>> sentHeaders, Map<String, List<String>> responseHeaders) {
        Trace t = SignalBus.requestStart(ClientKind.JDK_HTTPCLIENT, "GET", URL, requestHeaders);
        SignalBus.connectionCreateStart(t);
        SignalBus.dnsStart(t, "localhost");
        SignalBus.dnsEnd(t, "localhost", ADDRESSES, null);
        SignalBus.connectStart(t, "127.0.0.1:8080");
        SignalBus.connectEnd(t, "127.0.0.1:8080", null);
        SignalBus.connectionCreateEnd(t, connectionId, "127.0.0.1:8080", "HTTP/1.1", null);
        SignalBus.requestHeadersSent(t, sentHeaders);
        SignalBus.requestChunkSent(t, 0);
        SignalBus.responseHeadersReceived(t, 200, "HTTP/1.1", responseHeaders);
        SignalBus.responseChunkReceived(t, 512);
        SignalBus.responseChunkReceived(t, 512);
        SignalBus.responseChunkReceived(t, 176);
        SignalBus.connectionReleased(t, connectionId, true);
        SignalBus.requestEnd(t, 200);
        return t;
    }
}
