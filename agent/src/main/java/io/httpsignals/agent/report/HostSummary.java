package io.httpsignals.agent.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers above the waterfall for one host (or for all of them): counts, percentiles of the total and of each
 * phase, connections created versus reused, pool waits, a latency histogram and open connections over time.
 */
final class HostSummary {

    /** Upper bounds (milliseconds) of the latency histogram's buckets; the last bucket is everything slower. */
    static final double[] HISTOGRAM_EDGES_MS = {0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
    static final int OPEN_BUCKETS = 120;

    final String host;
    int requests;
    int failed;
    int status4xx;
    int status5xx;
    int incomplete;
    int connectionsCreated;
    int connectionsReused;
    final Percentiles total = new Percentiles();
    final Map<Phase, Percentiles> phases = new EnumMap<>(Phase.class);
    final Percentiles queueWait = new Percentiles();
    final long[] histogram = new long[HISTOGRAM_EDGES_MS.length + 1];
    final int[] openConnections = new int[OPEN_BUCKETS];

    HostSummary(String host) {
        this.host = host;
    }

    /** One summary per host, alphabetically, preceded by the one for all hosts together. */
    static List<HostSummary> of(ReportModel model) {
        HostSummary all = new HostSummary("(all hosts)");
        Map<String, HostSummary> byHost = new TreeMap<>();
        for (RequestRecord r : model.requests()) {
            HostSummary host = byHost.computeIfAbsent(r.host(), HostSummary::new);
            all.add(r);
            host.add(r);
        }
        openConnections(model, all, byHost);
        List<HostSummary> list = new ArrayList<>();
        list.add(all);
        list.addAll(byHost.values());
        return list;
    }

    private void add(RequestRecord r) {
        requests++;
        if (r.failed()) {
            failed++;
        } else if (r.status >= 500) {
            status5xx++;
        } else if (r.status >= 400) {
            status4xx++;
        }
        if (r.incompleteReason() != null) {
            incomplete++;
        } else {
            total.add(r.durationUs());
            histogram[bucket(r.durationUs())]++;
        }
        for (Map.Entry<Phase, Long> e : r.phaseTotals().entrySet()) {
            phases.computeIfAbsent(e.getKey(), p -> new Percentiles()).add(e.getValue());
        }
        for (RequestRecord.ConnectionUse use : r.connections) {
            if (use.reused()) {
                connectionsReused++;
            } else {
                connectionsCreated++;
            }
        }
        if (r.queuedUs >= 0) {
            queueWait.add(r.queuedUs);
        }
    }

    static int bucket(long micros) {
        double ms = micros / 1000.0;
        for (int i = 0; i < HISTOGRAM_EDGES_MS.length; i++) {
            if (ms <= HISTOGRAM_EDGES_MS[i]) {
                return i;
            }
        }
        return HISTOGRAM_EDGES_MS.length;
    }

    /**
     * A connection counts as open from its creation (or its first use, if the log began after it was made) to its
     * last use, or to the release that did not keep it alive. The log has no "closed" signal, so a pooled connection
     * that idles after its last request is not counted during that idle time.
     */
    private static void openConnections(ReportModel model, HostSummary all, Map<String, HostSummary> byHost) {
        long t0 = model.t0();
        long span = Math.max(1, model.span());
        Map<String, long[]> lifetimes = new HashMap<>(); // key file:id -> [open, close]
        Map<String, String> hostOf = new LinkedHashMap<>();
        for (RequestRecord r : model.requests()) {
            long base = r.startEpochUs - t0;
            for (RequestRecord.ConnectionUse use : r.connections) {
                String key = r.file + ":" + use.id();
                long[] life = lifetimes.computeIfAbsent(key, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                if (!use.reused() || life[0] == Long.MAX_VALUE) {
                    life[0] = Math.min(life[0], base + use.atUs());
                }
                life[1] = Math.max(life[1], base + r.durationUs());
                hostOf.putIfAbsent(key, r.host());
            }
            for (RequestRecord.ConnectionClose closed : r.closedConnections) {
                long[] life = lifetimes.get(r.file + ":" + closed.id());
                if (life != null) {
                    life[1] = Math.min(life[1], base + closed.atUs());
                }
            }
        }
        for (Map.Entry<String, long[]> e : lifetimes.entrySet()) {
            long[] life = e.getValue();
            int from = (int) Math.min(OPEN_BUCKETS - 1, life[0] * OPEN_BUCKETS / span);
            int to = (int) Math.min(OPEN_BUCKETS - 1, Math.max(life[0], life[1]) * OPEN_BUCKETS / span);
            HostSummary host = byHost.get(hostOf.get(e.getKey()));
            for (int b = Math.max(0, from); b <= to; b++) {
                all.openConnections[b]++;
                if (host != null) {
                    host.openConnections[b]++;
                }
            }
        }
    }
}
