package io.httpsignals.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client JVM of the end-to-end harness.
 *
 * <ul>
 *   <li>{@code E2eClient once <kind> <url>}: one request, then exit (the start-up measurement).</li>
 *   <li>{@code E2eClient load <kind> <url> <threads> <warmupMs> <measureMs>}: keep-alive requests from
 *       {@code threads} threads; after the warm-up, measures for {@code measureMs} and prints one {@code RESULT}
 *       line: requests, seconds, process CPU nanoseconds, bytes allocated by all threads, p50 and p99 latency.</li>
 * </ul>
 * The workers record latencies into preallocated per-thread histograms, so the harness itself allocates nothing per
 * request; what is allocated per request is the client's and the agent's.
 */
public final class E2eClient {

    /** Latency histogram resolution: 1 µs buckets up to this, then one overflow bucket. */
    private static final int MAX_MICROS = 200_000;

    private static volatile boolean measuring;
    private static volatile boolean stop;

    private E2eClient() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String kind = args[1];
        URI uri = URI.create(args[2]);
        if (mode.equals("once")) {
            try (ClientKinds.Client client = ClientKinds.create(kind, uri, 1)) {
                int status = client.get();
                if (status != 200) {
                    throw new IllegalStateException("status " + status);
                }
            }
            System.exit(0);
        }
        int threads = Integer.parseInt(args[3]);
        long warmupMs = Long.parseLong(args[4]);
        long measureMs = Long.parseLong(args[5]);
        System.out.println(load(kind, uri, threads, warmupMs, measureMs));
        System.exit(0);
    }

    private static String load(String kind, URI uri, int threads, long warmupMs, long measureMs) throws Exception {
        ClientKinds.Client client = ClientKinds.create(kind, uri, threads);
        int[][] histograms = new int[threads][MAX_MICROS + 1];
        long[] counts = new long[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            int worker = i;
            Thread t = new Thread(() -> {
                int[] histogram = histograms[worker];
                try {
                    while (!stop) {
                        long start = System.nanoTime();
                        int status = client.get();
                        long micros = (System.nanoTime() - start) / 1000;
                        if (status != 200) {
                            throw new IllegalStateException("status " + status);
                        }
                        if (measuring) {
                            histogram[(int) Math.min(micros, MAX_MICROS)]++;
                            counts[worker]++;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    stop = true;
                } finally {
                    done.countDown();
                }
            }, "e2e-worker-" + i);
            t.start();
        }
        Thread.sleep(warmupMs);

        com.sun.management.ThreadMXBean threadsBean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<Long, Long> allocatedBefore = allocated(threadsBean);
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        measuring = true;
        Thread.sleep(measureMs);
        measuring = false;
        long wall = System.nanoTime() - wallBefore;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        Map<Long, Long> allocatedAfter = allocated(threadsBean);
        stop = true;
        done.await();
        client.close();
        if (failure.get() != null) {
            throw new IllegalStateException("a worker failed", failure.get());
        }

        long allocatedBytes = 0;
        for (Map.Entry<Long, Long> e : allocatedAfter.entrySet()) {
            allocatedBytes += e.getValue() - allocatedBefore.getOrDefault(e.getKey(), 0L);
        }
        long requests = 0;
        int[] merged = new int[MAX_MICROS + 1];
        for (int i = 0; i < threads; i++) {
            requests += counts[i];
            for (int b = 0; b <= MAX_MICROS; b++) {
                merged[b] += histograms[i][b];
            }
        }
        return "RESULT requests=" + requests + " seconds=" + wall / 1e9 + " cpu_ns=" + cpu
                + " allocated_bytes=" + allocatedBytes + " p50_us=" + percentile(merged, requests, 0.50)
                + " p99_us=" + percentile(merged, requests, 0.99);
    }

    /** Bytes allocated so far by each live thread; threads that end during the phase take theirs with them. */
    private static Map<Long, Long> allocated(com.sun.management.ThreadMXBean bean) {
        long[] ids = bean.getAllThreadIds();
        long[] bytes = bean.getThreadAllocatedBytes(ids);
        Map<Long, Long> result = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                result.put(ids[i], bytes[i]);
            }
        }
        return result;
    }

    private static long percentile(int[] histogram, long total, double p) {
        long rank = (long) Math.ceil(total * p);
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= rank && rank > 0) {
                return b;
            }
        }
        return -1;
    }
}
