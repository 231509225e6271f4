package io.httpsignals.agent.report;

import java.util.Arrays;

/** A growable list of microsecond values and its nearest-rank percentiles. */
final class Percentiles {

    private long[] values = new long[16];
    private int size;
    private boolean sorted;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        sorted = false;
    }

    int count() {
        return size;
    }

    /** Nearest-rank percentile ({@code p} in 0..100), or -1 when empty. */
    long percentile(double p) {
        if (size == 0) {
            return -1;
        }
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(p / 100.0 * size);
        return values[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    long max() {
        return percentile(100);
    }
}
