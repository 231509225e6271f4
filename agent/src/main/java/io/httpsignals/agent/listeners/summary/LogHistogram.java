package io.httpsignals.agent.listeners.summary;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-memory, lock-free latency histogram in microseconds with HdrHistogram-style log-linear buckets: values
 * below 16 µs are exact, above that each power of two is split into 16 buckets, so a percentile is off by at most
 * 1/16 (6.25 %) of its value. 16 + 36 * 16 buckets cover up to 2^40 µs (12 days); larger values land in the last
 * bucket (the exact maximum is kept apart).
 *
 * <p>Why not HdrHistogram (2.2.2, relocated into the core jar)? Its recording is allocation-free too, but a
 * {@code ConcurrentHistogram} of 2 significant digits over this range takes about 4x the memory, resizes (allocates)
 * unless bounded, and brings 100+ classes into the agent; this class is 100 lines and records with one
 * {@code getAndIncrement}. The summary keeps six of these per client and host, so size matters more than precision.
 */
final class LogHistogram {

    private static final int SUB_BITS = 4;
    private static final int SUB_COUNT = 1 << SUB_BITS;
    private static final int MAX_EXPONENT = 40;
    static final int BUCKETS = SUB_COUNT + (MAX_EXPONENT - SUB_BITS) * SUB_COUNT;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    void recordNanos(long nanos) {
        record(nanos <= 0 ? 0 : nanos / 1000);
    }

    void record(long micros) {
        if (micros < 0) {
            micros = 0;
        }
        counts.getAndIncrement(index(micros));
        long m;
        while (micros > (m = max.get())) {
            if (max.compareAndSet(m, micros)) {
                break;
            }
        }
    }

    static int index(long v) {
        if (v < SUB_COUNT) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        if (exponent >= MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int sub = (int) (v >>> (exponent - SUB_BITS)) & (SUB_COUNT - 1);
        return SUB_COUNT + (exponent - SUB_BITS) * SUB_COUNT + sub;
    }

    /** The largest value that falls into bucket {@code i}. */
    static long highestValueIn(int i) {
        if (i < SUB_COUNT) {
            return i;
        }
        int exponent = (i - SUB_COUNT) / SUB_COUNT + SUB_BITS;
        int sub = (i - SUB_COUNT) % SUB_COUNT;
        long width = 1L << (exponent - SUB_BITS);
        return (1L << exponent) + (sub + 1) * width - 1;
    }

    /** A consistent-enough copy for reading percentiles while recording goes on. */
    Snapshot snapshot() {
        long[] copy = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
            total += copy[i];
        }
        return new Snapshot(copy, total, max.get());
    }

    /** Percentiles of a copied histogram, in microseconds. */
    static final class Snapshot {
        private final long[] counts;
        private final long count;
        private final long max;

        Snapshot(long[] counts, long count, long max) {
            this.counts = counts;
            this.count = count;
            this.max = max;
        }

        long count() {
            return count;
        }

        long max() {
            return max;
        }

        /** The value at {@code percentile} (0..100): the top of the bucket holding it, never above the max. */
        long percentile(double percentile) {
            if (count == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.min(highestValueIn(i), max);
                }
            }
            return max;
        }
    }
}
