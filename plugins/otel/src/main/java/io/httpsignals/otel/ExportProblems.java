package io.httpsignals.otel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what could not be exported and says so on stderr, for spans and for metrics each at most once per
 * {@link #WARN_INTERVAL_NANOS}: a collector that is down must not flood the application's error stream.
 */
final class ExportProblems {

    static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String endpoint;
    private final Kind spans = new Kind("spans", "spans dropped");
    private final Kind metrics = new Kind("metrics", "metric exports failed");

    ExportProblems(String endpoint) {
        this.endpoint = endpoint;
    }

    long spansDropped() {
        return spans.count.sum();
    }

    long metricExportsFailed() {
        return metrics.count.sum();
    }

    void spansDropped(int count, Throwable cause) {
        spans.failed(count, cause);
    }

    void metricExportFailed(Throwable cause) {
        metrics.failed(1, cause);
    }

    private final class Kind {
        final String what;
        final String counted;
        final LongAdder count = new LongAdder();
        final AtomicLong lastWarning = new AtomicLong();
        volatile boolean warned;

        Kind(String what, String counted) {
            this.what = what;
            this.counted = counted;
        }

        void failed(int n, Throwable cause) {
            count.add(n);
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (warned && now - last < WARN_INTERVAL_NANOS || !lastWarning.compareAndSet(last, now)) {
                return;
            }
            warned = true;
            OtelLog.warn("cannot export " + what + " to " + endpoint + " (" + describe(cause) + "); "
                    + counted + " so far: " + count.sum()
                    + "; the application is unaffected (next report in 60 s at the earliest)");
        }
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
