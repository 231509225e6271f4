package io.httpsignals.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The listener's context for one request: the span ids chosen at {@code request_start} and the phases as the
 * signals close them. Plain fields: the bus delivers one request's signals one at a time with happens-before
 * between them, so no locking is needed. Nothing here touches the OpenTelemetry SDK.
 */
final class RequestState {

    static final AttributeKey<Long> POOL_LEASED = AttributeKey.longKey("httpsignals.pool.leased");
    static final AttributeKey<Long> POOL_PENDING = AttributeKey.longKey("httpsignals.pool.pending");
    static final AttributeKey<Long> POOL_MAX = AttributeKey.longKey("httpsignals.pool.max");
    static final AttributeKey<String> DNS_QUESTION_NAME = AttributeKey.stringKey("dns.question.name");
    static final AttributeKey<List<String>> DNS_ANSWERS = AttributeKey.stringArrayKey("dns.answers");
    static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
    static final AttributeKey<Long> PEER_PORT = AttributeKey.longKey("network.peer.port");
    static final AttributeKey<String> TLS_PROTOCOL_NAME = AttributeKey.stringKey("tls.protocol.name");
    static final AttributeKey<String> TLS_PROTOCOL_VERSION = AttributeKey.stringKey("tls.protocol.version");
    static final AttributeKey<String> TLS_CIPHER = AttributeKey.stringKey("tls.cipher");
    static final AttributeKey<String> TLS_NEXT_PROTOCOL = AttributeKey.stringKey("tls.next_protocol");
    static final AttributeKey<Long> REQUEST_BODY_SIZE = AttributeKey.longKey("http.request.body.size");
    static final AttributeKey<Long> RESPONSE_BODY_SIZE = AttributeKey.longKey("http.response.body.size");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** Chosen at {@code request_start} (see {@link #begin}); {@code null} until then. */
    String traceId;
    String spanId;
    /** The caller's span when the application already sent a {@code traceparent}, else {@code null}. */
    SpanContext remoteParent;
    boolean sampled = true;

    final List<Phase> phases = new ArrayList<>(8);
    /** Instant happenings of the request: redirects, retries, connection reuse. */
    final List<Mark> marks = new ArrayList<>(2);
    Hop hop;
    int resendCount;
    int status = -1;
    String protocol;
    /** {@code host:port} of the connection last used. */
    String peer;

    /** The connection this request holds, or -1. */
    long connectionId = -1;
    String connectionProtocol;

    private long queuedStart = -1;
    private Attributes queuedAttributes;
    private long dnsStart = -1;
    private String dnsHost;
    private long connectStart = -1;
    private long tlsStart = -1;
    private long connectionReady = -1;
    private long headersSent = -1;
    private long lastSent = -1;
    private long bytesSentInHop;
    private long firstResponse = -1;
    private long finalResponse = -1;
    private long lastReceived = -1;
    private long bytesReceivedInHop;
    private boolean bodyChunksSeen;

    /** A moment without duration, shown as a span event. */
    record Mark(String name, long timeNanos, Attributes attributes) {
    }

    RequestState(String url) {
        this.hop = new Hop(0, url);
    }

    /** Picks the span's ids: a child of {@code parent} (the caller's span) if valid, else a new trace. */
    void begin(SpanContext parent, String newTraceId, String newSpanId) {
        if (parent != null && parent.isValid()) {
            remoteParent = parent;
            traceId = parent.getTraceId();
            sampled = parent.isSampled();
        } else {
            traceId = newTraceId;
        }
        spanId = newSpanId;
    }

    // ------------------------------------------------------------------ connection acquisition

    void queuedStart(long t, int leased, int pending, int max) {
        queuedStart = t;
        AttributesBuilder b = Attributes.builder();
        putIfKnown(b, POOL_LEASED, leased);
        putIfKnown(b, POOL_PENDING, pending);
        putIfKnown(b, POOL_MAX, max);
        queuedAttributes = b.build();
    }

    void queuedEnd(long t, Throwable error) {
        if (queuedStart >= 0) {
            add(Phase.POOL_WAIT, queuedStart, t, queuedAttributes, error);
            queuedStart = -1;
        }
    }

    void dnsStart(long t, String host) {
        dnsStart = t;
        dnsHost = host;
    }

    void dnsEnd(long t, String host, List<InetAddress> addresses, Throwable error) {
        if (dnsStart < 0) {
            return;
        }
        AttributesBuilder b = Attributes.builder();
        String name = host != null ? host : dnsHost;
        if (name != null) {
            b.put(DNS_QUESTION_NAME, name);
        }
        if (addresses != null && !addresses.isEmpty()) {
            List<String> answers = new ArrayList<>(addresses.size());
            for (InetAddress a : addresses) {
                answers.add(a.getHostAddress());
            }
            b.put(DNS_ANSWERS, answers);
        }
        add(Phase.DNS, dnsStart, t, b.build(), error);
        dnsStart = -1;
    }

    void connectStart(long t) {
        connectStart = t;
    }

    void connectEnd(long t, String address, Throwable error) {
        if (connectStart < 0) {
            return;
        }
        AttributesBuilder b = Attributes.builder();
        putPeer(b, address);
        add(Phase.CONNECT, connectStart, t, b.build(), error);
        connectStart = -1;
    }

    void tlsStart(long t) {
        tlsStart = t;
    }

    void tlsEnd(long t, String tlsVersion, String cipherSuite, String alpn, Throwable error) {
        if (tlsStart < 0) {
            return;
        }
        AttributesBuilder b = Attributes.builder();
        putTlsVersion(b, tlsVersion);
        if (cipherSuite != null) {
            b.put(TLS_CIPHER, cipherSuite);
        }
        if (alpn != null) {
            b.put(TLS_NEXT_PROTOCOL, alpn);
        }
        add(Phase.TLS, tlsStart, t, b.build(), error);
        tlsStart = -1;
    }

    void connectionReady(long t, long id, String address, String protocol) {
        connectionReady = t;
        connectionId = id;
        connectionProtocol = protocol;
        if (address != null) {
            peer = address;
        }
    }

    // ------------------------------------------------------------------ exchange

    void headersSent(long t) {
        if (headersSent < 0) {
            headersSent = t;
        }
        lastSent = t;
    }

    void chunkSent(long t, long bytes) {
        lastSent = t;
        if (bytes > 0) {
            bytesSentInHop += bytes;
        }
    }

    void responseHeaders(long t, int status, String protocol) {
        if (firstResponse < 0) {
            firstResponse = t;
        }
        if (status >= 200 || finalResponse < 0) {
            finalResponse = t;
        }
        this.status = status;
        if (protocol != null) {
            this.protocol = protocol;
        }
    }

    void chunkReceived(long t, long bytes) {
        lastReceived = t;
        bodyChunksSeen = true;
        if (bytes > 0) {
            bytesReceivedInHop += bytes;
        }
    }

    // ------------------------------------------------------------------ hop boundaries

    void redirect(long t, int status, String location) {
        closeExchange(t, null);
        AttributesBuilder b = Attributes.builder().put(STATUS, (long) status);
        if (location != null) {
            b.put(AttributeKey.stringKey("httpsignals.redirect.location"), location);
        }
        marks.add(new Mark("redirect", t, b.build()));
        resendCount++;
        hop = hop.next(location);
    }

    void retry(long t, String reason) {
        closeExchange(t, null);
        marks.add(new Mark("retry", t, reason == null ? Attributes.empty()
                : Attributes.of(AttributeKey.stringKey("httpsignals.retry.reason"), reason)));
        resendCount++;
        hop = hop.next(null);
    }

    void reused(long t, long id, String address) {
        AttributesBuilder b = Attributes.builder().put(AttributeKey.longKey("httpsignals.connection.id"), id);
        putPeer(b, address);
        marks.add(new Mark("connection_reused", t, b.build()));
    }

    /**
     * Closes the phases still open at the end of a hop or of the request: what was sent, the wait for the
     * response, and the body. A phase cut short carries the request's error.
     */
    void closeExchange(long t, Throwable error) {
        if (headersSent >= 0) {
            long sentEnd = lastSent >= 0 ? lastSent : headersSent;
            long start = connectionReady >= 0 && connectionReady <= headersSent ? connectionReady : headersSent;
            AttributesBuilder b = Attributes.builder();
            if (bytesSentInHop > 0) {
                b.put(REQUEST_BODY_SIZE, bytesSentInHop);
            }
            add(Phase.REQUEST_SENT, start, sentEnd, b.build(), null);
            if (firstResponse >= 0) {
                add(Phase.TIME_TO_FIRST_BYTE, sentEnd, firstResponse, Attributes.empty(), null);
                AttributesBuilder body = Attributes.builder().put(STATUS, (long) status);
                if (bodyChunksSeen) {
                    body.put(RESPONSE_BODY_SIZE, bytesReceivedInHop);
                }
                long bodyEnd = Math.max(t, lastReceived);
                add(Phase.RESPONSE_BODY, finalResponse, bodyEnd, body.build(), error);
            } else {
                add(Phase.TIME_TO_FIRST_BYTE, sentEnd, t, Attributes.empty(), error);
            }
        }
        connectionReady = -1;
        headersSent = -1;
        lastSent = -1;
        bytesSentInHop = 0;
        firstResponse = -1;
        finalResponse = -1;
        lastReceived = -1;
        bytesReceivedInHop = 0;
        bodyChunksSeen = false;
    }

    // ------------------------------------------------------------------ helpers

    private void add(String name, long start, long end, Attributes attributes, Throwable error) {
        String errorType = error == null ? null : OtelListener.errorType(error);
        Attributes attrs = attributes;
        if (errorType != null) {
            attrs = attributes.toBuilder().put(ERROR_TYPE, errorType).build();
        }
        phases.add(new Phase(name, hop, start, end, attrs, errorType));
    }

    private static void putIfKnown(AttributesBuilder b, AttributeKey<Long> key, int value) {
        if (value >= 0) {
            b.put(key, (long) value);
        }
    }

    static void putPeer(AttributesBuilder b, String address) {
        if (address == null) {
            return;
        }
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            b.put(PEER_ADDRESS, address);
            return;
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        b.put(PEER_ADDRESS, host);
        try {
            b.put(PEER_PORT, Long.parseLong(address.substring(colon + 1)));
        } catch (NumberFormatException ignored) {
            // an address without a port: the host alone is still worth keeping
        }
    }

    /** {@code TLSv1.3} as the conventions want it: {@code tls.protocol.name=tls}, {@code tls.protocol.version=1.3}. */
    static void putTlsVersion(AttributesBuilder b, String tlsVersion) {
        if (tlsVersion == null) {
            return;
        }
        if (tlsVersion.startsWith("TLSv")) {
            b.put(TLS_PROTOCOL_NAME, "tls").put(TLS_PROTOCOL_VERSION, tlsVersion.substring(4));
        } else if (tlsVersion.startsWith("SSLv")) {
            b.put(TLS_PROTOCOL_NAME, "ssl").put(TLS_PROTOCOL_VERSION, tlsVersion.substring(4));
        } else {
            b.put(TLS_PROTOCOL_VERSION, tlsVersion);
        }
    }
}
