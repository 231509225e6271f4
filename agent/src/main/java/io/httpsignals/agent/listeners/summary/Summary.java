package io.httpsignals.agent.listeners.summary;

import io.httpsignals.agent.dispatch.AsyncListener;
import io.httpsignals.agent.listeners.RequestPhases;
import io.httpsignals.api.RequestTrace;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures the {@code summary} listener collects, readable as a table and as the {@link SummaryMXBean}.
 * A reset swaps in a fresh {@link HostTable}; requests in flight at that moment finish into the old one and are
 * left out, which is what "start afresh" means to someone watching jconsole.
 */
public final class Summary implements SummaryMXBean {

    private static final String[] PHASES = {"total", "dns", "connect", "tls", "pool wait", "ttfb"};

    private volatile HostTable table = new HostTable();
    private volatile Instant since = Instant.now();

    /** The figures a request that starts now goes into. */
    HostStats statsFor(String client, String url) {
        return table.lookup(client, url);
    }


    @Override
    public void reset() {
        table = new HostTable();
        since = Instant.now();
    }

    private HostSummary allRow() {
        return new HostSummary(table.all);
    }

    @Override
    public long getRequests() {
        return table.all.get(HostStats.REQUESTS);
    }

    @Override
    public long getErrors() {
        return table.all.get(HostStats.ERRORS);
    }

    @Override
    public long getStatus1xx() {
        return table.all.get(HostStats.STATUS_1XX);
    }

    @Override
    public long getStatus2xx() {
        return table.all.get(HostStats.STATUS_1XX + 1);
    }

    @Override
    public long getStatus3xx() {
        return table.all.get(HostStats.STATUS_1XX + 2);
    }

    @Override
    public long getStatus4xx() {
        return table.all.get(HostStats.STATUS_1XX + 3);
    }

    @Override
    public long getStatus5xx() {
        return table.all.get(HostStats.STATUS_1XX + 4);
    }

    @Override
    public long getConnectionsCreated() {
        return table.all.get(HostStats.CONNECTIONS_CREATED);
    }

    @Override
    public long getConnectionsReused() {
        return table.all.get(HostStats.CONNECTIONS_REUSED);
    }

    @Override
    public long getQueuedRequests() {
        return table.all.get(HostStats.QUEUED);
    }

    @Override
    public double getQueueTimeTotalMillis() {
        return table.all.get(HostStats.QUEUE_NANOS) / 1e6;
    }

    @Override
    public double getQueueTimeMaxMillis() {
        return table.all.maxQueueNanos() / 1e6;
    }

    @Override
    public double getTotalP50Millis() {
        return table.all.total.snapshot().percentile(50) / 1e3;
    }

    @Override
    public double getTotalP90Millis() {
        return table.all.total.snapshot().percentile(90) / 1e3;
    }

    @Override
    public double getTotalP99Millis() {
        return table.all.total.snapshot().percentile(99) / 1e3;
    }

    @Override
    public double getTotalMaxMillis() {
        return table.all.total.snapshot().max() / 1e3;
    }

    @Override
    public String getSince() {
        return since.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    @Override
    public HostSummary[] getHosts() {
        List<HostSummary> rows = new ArrayList<>();
        for (HostStats s : table.entries()) {
            rows.add(new HostSummary(s));
        }
        return rows.toArray(new HostSummary[0]);
    }

    @Override
    public long getDroppedSignals() {
        return AsyncListener.droppedTotal();
    }

    @Override
    public String getTable() {
        List<HostSummary> rows = new ArrayList<>(List.of(getHosts()));
        rows.add(allRow());
        StringBuilder b = new StringBuilder();
        b.append("httpsignals summary since ").append(getSince()).append('\n');
        long dropped = getDroppedSignals();
        if (dropped > 0) {
            b.append("signals dropped by asynchronous dispatch (queue full): ").append(dropped).append('\n');
        }
        b.append(String.format(Locale.ROOT, "%-24s %-28s %8s %6s %5s %5s %5s %5s %5s %8s %7s %7s %10s %10s%n",
                "client", "host", "requests", "errors", "1xx", "2xx", "3xx", "4xx", "5xx", "conn new", "reused",
                "queued", "queue ms", "queue max"));
        for (HostSummary r : rows) {
            long[] s = r.getStatusClasses();
            b.append(String.format(Locale.ROOT,
                    "%-24s %-28s %8d %6d %5d %5d %5d %5d %5d %8d %7d %7d %10.1f %10.1f%n",
                    r.getClient(), r.getHost(), r.getRequests(), r.getErrors(), s[0], s[1], s[2], s[3], s[4],
                    r.getConnectionsCreated(), r.getConnectionsReused(), r.getQueuedRequests(),
                    r.getQueueTimeTotalMillis(), r.getQueueTimeMaxMillis()));
        }
        b.append(String.format(Locale.ROOT, "%-24s %-28s %-9s %8s %9s %9s %9s %9s%n",
                "latency ms", "host", "phase", "count", "p50", "p90", "p99", "max"));
        for (HostSummary r : rows) {
            double[][] phases = {r.getTotalMillis(), r.getDnsMillis(), r.getConnectMillis(), r.getTlsMillis(),
                    r.getPoolWaitMillis(), r.getTimeToFirstByteMillis()};
            for (int i = 0; i < phases.length; i++) {
                double[] p = phases[i];
                String client = i == 0 ? r.getClient() : "";
                String host = i == 0 ? r.getHost() : "";
                if (p[0] == 0) {
                    b.append(String.format(Locale.ROOT, "%-24s %-28s %-9s %8d %9s %9s %9s %9s%n",
                            client, host, PHASES[i], 0, "-", "-", "-", "-"));
                } else {
                    b.append(String.format(Locale.ROOT, "%-24s %-28s %-9s %8d %9.2f %9.2f %9.2f %9.2f%n",
                            client, host, PHASES[i], (long) p[0], p[1], p[2], p[3], p[4]));
                }
            }
        }
        return b.toString();
    }
}
