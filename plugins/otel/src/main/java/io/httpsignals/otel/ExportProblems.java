package io.httpsignals.otel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what could not be exported and says so on stderr, at most once per {@link #WARN_INTERVAL_NANOS}: a
 * collector that is down must not flood the application's error stream.
 */
final class ExportProblems {

    static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String endpoint;
    private final LongAdder spansDropped = new LongAdder();
    private final LongAdder metricExportsFailed = new LongAdder();
    private final AtomicLong lastWarning = new AtomicLong();
    private volatile boolean warned;

    ExportProblems(String endpoint) {
        this.endpoint = endpoint;
    }

    long spansDropped() {
        return spansDropped.sum();
    }

    long metricExportsFailed() {
        return metricExportsFailed.sum();
    }

    void spansDropped(int count, Throwable cause) {
        spansDropped.add(count);
        warn(cause);
    }

    void metricExportFailed(Throwable cause) {
        metricExportsFailed.increment();
        warn(cause);
    }

    private void warn(Throwable cause) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (warned && now - last < WARN_INTERVAL_NANOS) {
            return;
        }
        if (!lastWarning.compareAndSet(last, now)) {
            return;
        }
        warned = true;
        OtelLog.warn("cannot export to " + endpoint + " (" + describe(cause) + "); dropped so far: "
                + spansDropped.sum() + " spans, " + metricExportsFailed.sum()
                + " metric exports; the application is unaffected (next report in 60 s at the earliest)");
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "the collector refused the data";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
