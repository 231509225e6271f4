package io.httpsignals.agent.listeners.log;

import io.httpsignals.agent.AgentThreads;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.RequestHeaders;
import io.httpsignals.api.RequestTrace;
import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.AgentLog;
import io.httpsignals.bootstrap.InjectableHeaders;
import io.httpsignals.bootstrap.Redaction;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.support.HeaderFields;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;

/**
 * The {@code log} listener: one JSON object per signal per line. Every line has {@code time}, {@code request},
 * {@code client}, {@code signal}, {@code elapsed_us}, {@code method}, {@code url}, then the signal's own fields in
 * snake_case. Values of sensitive headers are written as {@code "<redacted>"}.
 */
final class LogListener implements HttpSignalListener<Void> {

    // One builder per thread, reused for every line: the log then allocates almost nothing per signal.
    private static final ThreadLocal<StringBuilder> LINE = ThreadLocal.withInitial(() -> new StringBuilder(512));
    private static final ThreadLocal<HeaderWriter> HEADER_WRITER = ThreadLocal.withInitial(HeaderWriter::new);
    private static final ThreadLocal<AddressText> ADDRESS_TEXT = ThreadLocal.withInitial(AddressText::new);

    private final LineSink sink;
    private final ScheduledFuture<?> flusher;
    private volatile boolean failed;

    LogListener(LineSink sink) {
        this.sink = sink;
        this.flusher = AgentThreads.every(100, this::flush);
        sink.whenBacklogged(() -> AgentThreads.soon(this::flush));
    }

    @Override
    public void onRequestStart(RequestTrace trace, Void context, long timeNanos, RequestHeaders headers) {
        StringBuilder b = begin(trace, timeNanos, Signal.REQUEST_START);
        // most requests get no injected header: their headers are then the application's map, with no view over it
        headers(b, headers instanceof InjectableHeaders && ((InjectableHeaders) headers).injected().isEmpty()
                ? ((InjectableHeaders) headers).original() : headers.asMap());
        end(b);
    }

    @Override
    public void onConnectionQueuedStart(RequestTrace trace, Void context, long timeNanos,
                                        int leased, int pending, int max) {
        StringBuilder b = begin(trace, timeNanos, Signal.CONNECTION_QUEUED_START);
        b.append(",\"leased\":").append(leased).append(",\"pending\":").append(pending)
                .append(",\"max\":").append(max);
        end(b);
    }

    @Override
    public void onConnectionQueuedEnd(RequestTrace trace, Void context, long timeNanos, Throwable error) {
        StringBuilder b = begin(trace, timeNanos, Signal.CONNECTION_QUEUED_END);
        error(b, error);
        end(b);
    }

    @Override
    public void onConnectionReused(RequestTrace trace, Void context, long timeNanos,
                                   long connectionId, String remoteAddress, String protocol) {
        StringBuilder b = begin(trace, timeNanos, Signal.CONNECTION_REUSECONN);
        connection(b, connectionId, remoteAddress, protocol);
        end(b);
    }

    @Override
    public void onConnectionCreateStart(RequestTrace trace, Void context, long timeNanos) {
        end(begin(trace, timeNanos, Signal.CONNECTION_CREATE_START));
    }

    @Override
    public void onConnectionCreateEnd(RequestTrace trace, Void context, long timeNanos,
                                      long connectionId, String remoteAddress, String protocol, Throwable error) {
        StringBuilder b = begin(trace, timeNanos, Signal.CONNECTION_CREATE_END);
        if (error == null) {
            connection(b, connectionId, remoteAddress, protocol);
        }
        error(b, error);
        end(b);
    }

    @Override
    public void onDnsResolveHostStart(RequestTrace trace, Void context, long timeNanos, String host) {
        StringBuilder b = begin(trace, timeNanos, Signal.DNS_RESOLVEHOST_START);
        field(b, "host", host);
        end(b);
    }

    @Override
    public void onDnsResolveHostEnd(RequestTrace trace, Void context, long timeNanos,
                                    String host, List<InetAddress> addresses, Throwable error) {
        StringBuilder b = begin(trace, timeNanos, Signal.DNS_RESOLVEHOST_END);
        field(b, "host", host);
        if (addresses != null) {
            b.append(",\"addresses\":[");
            for (int i = 0; i < addresses.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                JsonText.string(b, ADDRESS_TEXT.get().of(addresses.get(i)));
            }
            b.append(']');
        }
        error(b, error);
        end(b);
    }

    @Override
    public void onConnectStart(RequestTrace trace, Void context, long timeNanos, String address) {
        StringBuilder b = begin(trace, timeNanos, Signal.CONNECT_START);
        field(b, "address", address);
        end(b);
    }

    @Override
    public void onConnectEnd(RequestTrace trace, Void context, long timeNanos, String address, Throwable error) {
        StringBuilder b = begin(trace, timeNanos, Signal.CONNECT_END);
        field(b, "address", address);
        error(b, error);
        end(b);
    }

    @Override
    public void onTlsHandshakeStart(RequestTrace trace, Void context, long timeNanos) {
        end(begin(trace, timeNanos, Signal.TLS_HANDSHAKE_START));
    }

    @Override
    public void onTlsHandshakeEnd(RequestTrace trace, Void context, long timeNanos,
                                  String tlsVersion, String cipherSuite, String alpn, Throwable error) {
        StringBuilder b = begin(trace, timeNanos, Signal.TLS_HANDSHAKE_END);
        field(b, "tls_version", tlsVersion);
        field(b, "cipher_suite", cipherSuite);
        field(b, "alpn", alpn);
        error(b, error);
        end(b);
    }

    @Override
    public void onRequestHeadersSent(RequestTrace trace, Void context, long timeNanos,
                                     Map<String, List<String>> headers) {
        StringBuilder b = begin(trace, timeNanos, Signal.REQUEST_HEADERS_SENT);
        headers(b, headers);
        end(b);
    }

    @Override
    public void onRequestChunkSent(RequestTrace trace, Void context, long timeNanos, long bytes) {
        StringBuilder b = begin(trace, timeNanos, Signal.REQUEST_CHUNK_SENT);
        b.append(",\"bytes\":").append(bytes);
        end(b);
    }

    @Override
    public void onResponseHeadersReceived(RequestTrace trace, Void context, long timeNanos,
                                          int status, String protocol, Map<String, List<String>> headers) {
        StringBuilder b = begin(trace, timeNanos, Signal.RESPONSE_HEADERS_RECEIVED);
        b.append(",\"status\":").append(status);
        field(b, "protocol", protocol);
        headers(b, headers);
        end(b);
    }

    @Override
    public void onResponseChunkReceived(RequestTrace trace, Void context, long timeNanos, long bytes) {
        StringBuilder b = begin(trace, timeNanos, Signal.RESPONSE_CHUNK_RECEIVED);
        b.append(",\"bytes\":").append(bytes);
        end(b);
    }

    @Override
    public void onRequestRedirect(RequestTrace trace, Void context, long timeNanos, int status, String location) {
        StringBuilder b = begin(trace, timeNanos, Signal.REQUEST_REDIRECT);
        b.append(",\"status\":").append(status);
        field(b, "location", location);
        end(b);
    }

    @Override
    public void onRequestRetry(RequestTrace trace, Void context, long timeNanos, String reason) {
        StringBuilder b = begin(trace, timeNanos, Signal.REQUEST_RETRY);
        field(b, "reason", reason);
        end(b);
    }

    @Override
    public void onConnectionReleased(RequestTrace trace, Void context, long timeNanos,
                                     long connectionId, boolean keptAlive) {
        StringBuilder b = begin(trace, timeNanos, Signal.CONNECTION_RELEASED);
        b.append(",\"connection\":").append(connectionId).append(",\"kept_alive\":").append(keptAlive);
        end(b);
    }

    @Override
    public void onRequestEnd(RequestTrace trace, Void context, long timeNanos,
                             int status, long bytesSent, long bytesReceived) {
        StringBuilder b = begin(trace, timeNanos, Signal.REQUEST_END);
        b.append(",\"status\":").append(status).append(",\"bytes_sent\":").append(bytesSent)
                .append(",\"bytes_received\":").append(bytesReceived);
        end(b);
    }

    @Override
    public void onRequestException(RequestTrace trace, Void context, long timeNanos, Throwable error) {
        StringBuilder b = begin(trace, timeNanos, Signal.REQUEST_EXCEPTION);
        error(b, error);
        end(b);
    }

    @Override
    public void close() {
        flusher.cancel(false);
        try {
            sink.close();
        } catch (IOException e) {
            AgentLog.warn("log listener could not close its output: " + e);
        }
    }

    void flush() {
        try {
            sink.flush();
        } catch (IOException e) {
            reportWriteFailure(e);
        }
    }

    // ------------------------------------------------------------------ line building

    private static StringBuilder begin(RequestTrace trace, long timeNanos, Signal signal) {
        StringBuilder b = LINE.get();
        b.setLength(0);
        b.append("{\"time\":");
        JsonText.timestamp(b, SignalBus.epochMicros(timeNanos));
        b.append(",\"request\":").append(trace.id());
        field(b, "client", trace.client());
        field(b, "signal", signal.wireName());
        b.append(",\"elapsed_us\":").append((timeNanos - trace.startNanos()) / 1000L);
        field(b, "method", trace.method());
        field(b, "url", trace.url());
        return b;
    }

    private void end(StringBuilder b) {
        b.append("}\n");
        try {
            sink.write(b);
        } catch (IOException e) {
            reportWriteFailure(e);
        }
    }

    private void reportWriteFailure(IOException e) {
        if (!failed) {
            failed = true;
            AgentLog.warn("log listener cannot write (" + e + "); signals are lost until it can");
        }
    }

    private static void field(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(",\"").append(name).append("\":");
            JsonText.string(b, value);
        }
    }

    private static void connection(StringBuilder b, long connectionId, String remoteAddress, String protocol) {
        b.append(",\"connection\":").append(connectionId);
        field(b, "address", remoteAddress);
        field(b, "protocol", protocol);
    }

    private static void error(StringBuilder b, Throwable error) {
        if (error != null) {
            b.append(",\"error\":{\"type\":");
            JsonText.string(b, error.getClass().getName());
            b.append(",\"message\":");
            JsonText.string(b, error.getMessage());
            b.append('}');
        }
    }

    private static void headers(StringBuilder b, Map<String, List<String>> headers) {
        if (headers == null) {
            return;
        }
        b.append(",\"headers\":{");
        if (headers instanceof HeaderFields) {
            // the hooks' own maps: read by index, so no value list is made
            HeaderFields fields = (HeaderFields) headers;
            for (int i = 0, n = fields.size(); i < n; i++) {
                String name = fields.name(i);
                header(b, i == 0, name);
                boolean sensitive = Redaction.isSensitiveHeader(name);
                for (int j = 0, values = fields.valueCount(i); j < values; j++) {
                    if (j > 0) {
                        b.append(',');
                    }
                    JsonText.string(b, sensitive ? Redaction.REDACTED : fields.value(i, j));
                }
                b.append(']');
            }
            b.append('}');
            return;
        }
        if (headers.isEmpty()) {
            // an empty Map.of() has no forEach of its own: Map's default would make an iterator to find nothing
            b.append('}');
            return;
        }
        // forEach rather than an entry iterator: the maps' own forEach walks them without iterator or entry objects
        HeaderWriter writer = HEADER_WRITER.get();
        writer.line = b;
        writer.first = true;
        try {
            headers.forEach(writer);
        } finally {
            writer.line = null;
        }
        b.append('}');
    }

    // a header's name and the start of its values
    private static void header(StringBuilder b, boolean first, String name) {
        if (!first) {
            b.append(',');
        }
        JsonText.string(b, name);
        b.append(":[");
    }

    /** Writes one header per call into {@link #line}; one per thread, reused. */
    private static final class HeaderWriter implements BiConsumer<String, List<String>> {
        StringBuilder line;
        boolean first;

        @Override
        public void accept(String name, List<String> values) {
            StringBuilder b = line;
            header(b, first, name);
            first = false;
            boolean sensitive = Redaction.isSensitiveHeader(name);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                JsonText.string(b, sensitive ? Redaction.REDACTED : values.get(i));
            }
            b.append(']');
        }
    }

    /**
     * The text of the address last written by this thread: {@code getHostAddress()} makes a new string per call, and
     * the JDK hands out the same cached {@code InetAddress} for a host until its DNS entry expires.
     */
    private static final class AddressText {
        private InetAddress address;
        private String text;

        String of(InetAddress a) {
            if (a != address) {
                text = a.getHostAddress();
                address = a;
            }
            return text;
        }
    }
}
