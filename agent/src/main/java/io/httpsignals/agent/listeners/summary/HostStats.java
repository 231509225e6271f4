package io.httpsignals.agent.listeners.summary;

import io.httpsignals.agent.listeners.RequestPhases;
import io.httpsignals.api.RequestTrace;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** The running figures of one client kind and host (or of all of them): counters and six latency histograms. */
final class HostStats {

    static final int REQUESTS = 0;
    static final int ERRORS = 1;
    static final int STATUS_1XX = 2; // .. STATUS_1XX + 4 = 5xx
    static final int CONNECTIONS_CREATED = 7;
    static final int CONNECTIONS_REUSED = 8;
    static final int QUEUED = 9;
    static final int QUEUE_NANOS = 10;
    private static final int COUNTERS = 11;

    final String client;
    final String host;
    /** The figures of all hosts of the same table, which every request also goes into; null for those. */
    final HostStats all;
    private final AtomicLongArray counters = new AtomicLongArray(COUNTERS);
    private final AtomicLong maxQueueNanos = new AtomicLong();
    final LogHistogram total = new LogHistogram();
    final LogHistogram dns = new LogHistogram();
    final LogHistogram connect = new LogHistogram();
    final LogHistogram tls = new LogHistogram();
    final LogHistogram poolWait = new LogHistogram();
    final LogHistogram firstByte = new LogHistogram();

    HostStats(String client, String host, HostStats all) {
        this.client = client;
        this.host = host;
        this.all = all;
    }

    /**
     * Adds a finished request. DNS, connect, TLS and pool wait are recorded only for requests that went through
     * that phase, so their percentiles describe lookups, connects, handshakes and waits rather than being
     * flattened by the many requests that reused a connection.
     */
    void record(RequestTrace trace, RequestPhases p, boolean failed) {
        if (all != null) {
            all.record(trace, p, failed);
        }
        counters.getAndIncrement(REQUESTS);
        if (failed) {
            counters.getAndIncrement(ERRORS);
        } else if (p.status() >= 100 && p.status() < 600) {
            counters.getAndIncrement(STATUS_1XX + p.status() / 100 - 1);
        }
        total.recordNanos(p.totalNanos(trace));
        if (p.resolved()) {
            dns.recordNanos(p.dnsNanos());
        }
        if (p.connected()) {
            connect.recordNanos(p.connectNanos());
        }
        if (p.handshaked()) {
            tls.recordNanos(p.tlsNanos());
        }
        if (p.hasResponseHeaders()) {
            firstByte.recordNanos(p.firstByteNanos(trace));
        }
        if (p.connectionsCreated() > 0) {
            counters.getAndAdd(CONNECTIONS_CREATED, p.connectionsCreated());
        }
        if (p.connectionsReused() > 0) {
            counters.getAndAdd(CONNECTIONS_REUSED, p.connectionsReused());
        }
        if (p.queued()) {
            long wait = p.queueNanos();
            counters.getAndIncrement(QUEUED);
            counters.getAndAdd(QUEUE_NANOS, wait);
            poolWait.recordNanos(wait);
            long m;
            while (wait > (m = maxQueueNanos.get())) {
                if (maxQueueNanos.compareAndSet(m, wait)) {
                    break;
                }
            }
        }
    }

    long get(int counter) {
        return counters.get(counter);
    }

    long maxQueueNanos() {
        return maxQueueNanos.get();
    }
}
