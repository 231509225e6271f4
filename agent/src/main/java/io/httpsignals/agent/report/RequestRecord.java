package io.httpsignals.agent.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the log says about one request, collected line by line, then turned into segments and marks by
 * {@link #analyse()}. A request whose {@code request_start} or terminal signal is missing (a log cut mid-run) is
 * kept and marked incomplete rather than dropped.
 */
final class RequestRecord {

    /** A connection the request used, and whether it was opened for it or taken from the pool. */
    record ConnectionUse(long id, boolean reused, long atUs) {
    }

    /** A release that did not keep the connection alive: where the open-connections chart ends it. */
    record ConnectionClose(long id, long atUs) {
    }

    final int file;
    final long id;
    final String client;
    final String method;
    final String url;
    /** Epoch microseconds at which the request started (the line's time minus its elapsed_us). */
    final long startEpochUs;

    boolean sawStart;
    /** {@code request_end} or {@code request_exception}, or null while the request has not finished. */
    String terminal;
    int status;
    /** The {@code request_exception}'s error as "SimpleType: message", or null when the request did not fail. */
    String error;
    long lastUs;
    boolean detailDropped;
    final List<SignalEntry> signals = new ArrayList<>(8);

    // filled by analyse()
    final List<Segment> segments = new ArrayList<>(4);
    final List<Mark> marks = new ArrayList<>(1);
    final List<ConnectionUse> connections = new ArrayList<>(1);
    final List<ConnectionClose> closedConnections = new ArrayList<>(0);
    long queuedUs = -1;
    int hops = 1;

    RequestRecord(int file, long id, String client, String method, String url, long startEpochUs) {
        this.file = file;
        this.id = id;
        this.client = client;
        this.method = method;
        this.url = url;
        this.startEpochUs = startEpochUs;
    }

    boolean finished() {
        return terminal != null;
    }

    boolean failed() {
        return "request_exception".equals(terminal);
    }

    /** Why the row is incomplete, or null when the log holds both its start and its end. */
    String incompleteReason() {
        if (!sawStart && terminal == null) {
            return "no request_start and no end in the log";
        }
        if (!sawStart) {
            return "no request_start in the log";
        }
        if (terminal == null) {
            return "no request_end or request_exception in the log (cut mid-run?)";
        }
        return null;
    }

    long durationUs() {
        return lastUs;
    }

    /** The host and port of the URL, which is how the summary groups requests. */
    String host() {
        return hostOf(url);
    }

    static String hostOf(String url) {
        if (url == null) {
            return "(unknown)";
        }
        int scheme = url.indexOf("://");
        int from = scheme < 0 ? 0 : scheme + 3;
        int to = url.length();
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                to = i;
                break;
            }
        }
        String authority = url.substring(from, to);
        int at = authority.lastIndexOf('@');
        authority = at < 0 ? authority : authority.substring(at + 1);
        return authority.isEmpty() ? "(unknown)" : authority;
    }

    /** Sum of each phase's durations, the numbers the per-host percentiles are made of. */
    Map<Phase, Long> phaseTotals() {
        Map<Phase, Long> totals = new EnumMap<>(Phase.class);
        for (Segment s : segments) {
            totals.merge(s.phase(), s.durationUs(), Long::sum);
        }
        return totals;
    }

    /**
     * Walks the signals hop by hop. "Request sent" runs from the moment the hop had its connection to the last
     * byte written; "waiting" from there to the response headers; "body" from the headers to the end of the hop.
     */
    void analyse() {
        signals.sort((a, b) -> Long.compare(a.elapsedUs(), b.elapsedUs()));
        Hop hop = new Hop(0, 0);
        int hopIndex = 0;
        for (SignalEntry s : signals) {
            long t = s.elapsedUs();
            lastUs = Math.max(lastUs, t);
            switch (s.signal()) {
                case "connection_queued_start" -> hop.open(Phase.QUEUE, t);
                case "connection_queued_end" -> {
                    Segment q = hop.close(Phase.QUEUE, t, s.error());
                    if (q != null) {
                        queuedUs = Math.max(0, queuedUs) + q.durationUs();
                    }
                    hop.acquiredAt = t;
                }
                case "dns_resolvehost_start" -> hop.open(Phase.DNS, t);
                case "dns_resolvehost_end" -> {
                    hop.close(Phase.DNS, t, s.error());
                    hop.setupParts++;
                }
                case "connect_start" -> hop.open(Phase.CONNECT, t);
                case "connect_end" -> {
                    hop.close(Phase.CONNECT, t, s.error());
                    hop.setupParts++;
                }
                case "tls_handshake_start" -> hop.open(Phase.TLS, t);
                case "tls_handshake_end" -> {
                    hop.close(Phase.TLS, t, s.error());
                    hop.setupParts++;
                }
                case "connection_create_start" -> {
                    hop.createStart = t;
                    hop.setupParts = 0;
                }
                case "connection_create_end" -> {
                    boolean failedCreate = s.error();
                    // a client that reports only the connection as a whole still shows its set-up time
                    if (hop.setupParts == 0 && hop.createStart >= 0) {
                        segments.add(new Segment(Phase.CONNECT, hop.createStart, t, failedCreate, hopIndex));
                    }
                    long connection = s.connection();
                    if (!failedCreate && connection >= 0) {
                        connections.add(new ConnectionUse(connection, false, t));
                    }
                    hop.acquiredAt = t;
                }
                case "connection_reuseconn" -> {
                    long connection = s.connection();
                    if (connection >= 0) {
                        connections.add(new ConnectionUse(connection, true, t));
                    }
                    hop.acquiredAt = t;
                }
                case "request_headers_sent", "request_chunk_sent" -> {
                    if (hop.responseAt < 0) {
                        if (hop.sendStart < 0) {
                            hop.sendStart = hop.acquiredAt >= 0 ? hop.acquiredAt : hop.start;
                        }
                        hop.lastSent = t;
                    }
                }
                case "response_headers_received" -> {
                    if (hop.responseAt < 0) {
                        hop.closeSending(t);
                        hop.responseAt = t;
                    }
                    int st = s.status();
                    if (st > 0) {
                        status = st;
                    }
                }
                case "connection_released" -> {
                    if (!s.keptAlive() && s.connection() >= 0) {
                        closedConnections.add(new ConnectionClose(s.connection(), t));
                    }
                }
                case "request_redirect" -> {
                    hop.finish(t, false);
                    marks.add(new Mark(Mark.Kind.REDIRECT, t,
                            s.status() + " " + (s.note() == null ? "" : s.note())));
                    hop = new Hop(t, ++hopIndex);
                }
                case "request_retry" -> {
                    hop.finish(t, false);
                    marks.add(new Mark(Mark.Kind.RETRY, t, s.note()));
                    hop = new Hop(t, ++hopIndex);
                }
                case "request_end", "request_exception" -> {
                    boolean failure = s.signal().equals("request_exception");
                    hop.finish(t, failure);
                    if (failure) {
                        marks.add(new Mark(Mark.Kind.ERROR, t, error));
                    }
                }
                default -> {
                    // request_start, response_chunk_received: no segment of their own
                }
            }
        }
        hops = hopIndex + 1;
        if (terminal == null) {
            hop.finish(lastUs, false);
        }
        segments.sort((a, b) -> Long.compare(a.startUs(), b.startUs()));
    }

    private final class Hop {
        final long start;
        final int index;
        final Map<Phase, Long> open = new EnumMap<>(Phase.class);
        long createStart = -1;
        int setupParts;
        long acquiredAt = -1;
        long sendStart = -1;
        long lastSent = -1;
        long responseAt = -1;

        Hop(long start, int index) {
            this.start = start;
            this.index = index;
        }

        void open(Phase phase, long t) {
            open.put(phase, t);
        }

        Segment close(Phase phase, long t, boolean failed) {
            Long from = open.remove(phase);
            if (from == null) {
                return null;
            }
            Segment segment = new Segment(phase, from, t, failed, index);
            segments.add(segment);
            return segment;
        }

        /** At the response headers; a client that does not report what it sent gets one "waiting" segment. */
        void closeSending(long t) {
            if (sendStart >= 0) {
                segments.add(new Segment(Phase.SEND, sendStart, lastSent, false, index));
                segments.add(new Segment(Phase.WAIT, lastSent, t, false, index));
            } else {
                segments.add(new Segment(Phase.WAIT, acquiredAt >= 0 ? acquiredAt : start, t, false, index));
            }
        }

        void finish(long t, boolean failure) {
            for (Map.Entry<Phase, Long> e : open.entrySet()) {
                segments.add(new Segment(e.getKey(), e.getValue(), t, failure, index));
            }
            open.clear();
            if (responseAt >= 0) {
                segments.add(new Segment(Phase.BODY, responseAt, t, failure, index));
            } else if (sendStart >= 0) {
                // sent but no answer: the wait is what failed (or what the log was cut in)
                segments.add(new Segment(Phase.SEND, sendStart, lastSent, false, index));
                segments.add(new Segment(Phase.WAIT, lastSent, t, failure, index));
            }
        }
    }
}
