package io.httpsignals.agent.listeners.console;

import io.httpsignals.agent.listeners.RequestPhases;
import io.httpsignals.api.RequestTrace;

/**
 * Formats the console line of a finished request, like curl's timing breakdown:
 * <pre>GET https://host/path 200 183ms  queue 0  dns 3  connect 12  tls 41  ttfb 97  body 30  reused no  conn #4</pre>
 * Times are whole milliseconds and the phases add up to the total exactly: {@code ttfb} is the time until the
 * final response's headers that was not spent queueing, resolving, connecting or handshaking (so it holds the
 * server's think time, sending the request and earlier redirect hops), and {@code body} the rest. Each figure is
 * truncated at its boundary, not rounded on its own, which keeps the sum exact. Unknown figures print as {@code -}:
 * ttfb and body when the client reported no response headers, reused and conn when it reported no connection.
 */
final class ConsoleLine {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private ConsoleLine() {
    }

    static void format(StringBuilder b, RequestTrace trace, RequestPhases p, Throwable error) {
        long total = millis(p.totalNanos(trace));
        long queue = millis(p.queueNanos());
        long dns = millis(p.dnsNanos());
        long connect = millis(p.connectNanos());
        long tls = millis(p.tlsNanos());
        b.append(trace.method()).append(' ').append(trace.url()).append(' ');
        if (error != null) {
            b.append("ERR");
        } else {
            b.append(p.status());
        }
        b.append(' ').append(total).append("ms");
        b.append("  queue ").append(queue);
        b.append("  dns ").append(dns);
        b.append("  connect ").append(connect);
        b.append("  tls ").append(tls);
        if (p.hasResponseHeaders()) {
            long firstByte = millis(p.firstByteNanos(trace));
            b.append("  ttfb ").append(Math.max(0, firstByte - queue - dns - connect - tls));
            b.append("  body ").append(Math.max(0, total - firstByte));
        } else {
            b.append("  ttfb -  body -");
        }
        switch (p.connection()) {
            case RequestPhases.CONNECTION_CREATED -> b.append("  reused no");
            case RequestPhases.CONNECTION_REUSED -> b.append("  reused yes");
            default -> b.append("  reused -");
        }
        if (p.connectionId() >= 0) {
            b.append("  conn #").append(p.connectionId());
        } else {
            b.append("  conn -");
        }
        if (error != null) {
            b.append("  error ").append(error.getClass().getName());
            String message = error.getMessage();
            if (message != null) {
                b.append(": ").append(message.replace('\n', ' '));
            }
        }
    }

    private static long millis(long nanos) {
        return nanos <= 0 ? 0 : nanos / NANOS_PER_MILLI;
    }
}
