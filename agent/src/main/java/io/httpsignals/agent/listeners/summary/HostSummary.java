package io.httpsignals.agent.listeners.summary;

/** A row of {@link SummaryMXBean#getHosts()}: the figures of one client kind and host, times in milliseconds. */
public final class HostSummary {

    private final String client;
    private final String host;
    private final long requests;
    private final long errors;
    private final long[] statusClasses;
    private final long connectionsCreated;
    private final long connectionsReused;
    private final long queuedRequests;
    private final double queueTimeTotalMillis;
    private final double queueTimeMaxMillis;
    private final double[] total;
    private final double[] dns;
    private final double[] connect;
    private final double[] tls;
    private final double[] poolWait;
    private final double[] timeToFirstByte;

    HostSummary(HostStats s) {
        client = s.client;
        host = s.host;
        requests = s.get(HostStats.REQUESTS);
        errors = s.get(HostStats.ERRORS);
        statusClasses = new long[5];
        for (int i = 0; i < 5; i++) {
            statusClasses[i] = s.get(HostStats.STATUS_1XX + i);
        }
        connectionsCreated = s.get(HostStats.CONNECTIONS_CREATED);
        connectionsReused = s.get(HostStats.CONNECTIONS_REUSED);
        queuedRequests = s.get(HostStats.QUEUED);
        queueTimeTotalMillis = s.get(HostStats.QUEUE_NANOS) / 1e6;
        queueTimeMaxMillis = s.maxQueueNanos() / 1e6;
        total = percentiles(s.total);
        dns = percentiles(s.dns);
        connect = percentiles(s.connect);
        tls = percentiles(s.tls);
        poolWait = percentiles(s.poolWait);
        timeToFirstByte = percentiles(s.firstByte);
    }

    /** Count, p50, p90, p99 and max in milliseconds. */
    static double[] percentiles(LogHistogram h) {
        LogHistogram.Snapshot s = h.snapshot();
        return new double[] {s.count(), s.percentile(50) / 1e3, s.percentile(90) / 1e3, s.percentile(99) / 1e3,
                s.max() / 1e3};
    }

    public String getClient() {
        return client;
    }

    public String getHost() {
        return host;
    }

    public long getRequests() {
        return requests;
    }

    public long getErrors() {
        return errors;
    }

    /** Responses with status 1xx, 2xx, 3xx, 4xx, 5xx, in that order. */
    public long[] getStatusClasses() {
        return statusClasses.clone();
    }

    public long getConnectionsCreated() {
        return connectionsCreated;
    }

    public long getConnectionsReused() {
        return connectionsReused;
    }

    public long getQueuedRequests() {
        return queuedRequests;
    }

    public double getQueueTimeTotalMillis() {
        return queueTimeTotalMillis;
    }

    public double getQueueTimeMaxMillis() {
        return queueTimeMaxMillis;
    }

    /** Count, p50, p90, p99, max of the whole request. */
    public double[] getTotalMillis() {
        return total.clone();
    }

    /** Count, p50, p90, p99, max of DNS lookups (requests that made one). */
    public double[] getDnsMillis() {
        return dns.clone();
    }

    /** Count, p50, p90, p99, max of TCP connects (requests that opened a connection). */
    public double[] getConnectMillis() {
        return connect.clone();
    }

    /** Count, p50, p90, p99, max of TLS handshakes. */
    public double[] getTlsMillis() {
        return tls.clone();
    }

    /** Count, p50, p90, p99, max of pool waits (requests that queued). */
    public double[] getPoolWaitMillis() {
        return poolWait.clone();
    }

    /** Count, p50, p90, p99, max of the time from request start to the final response's headers. */
    public double[] getTimeToFirstByteMillis() {
        return timeToFirstByte.clone();
    }
}
