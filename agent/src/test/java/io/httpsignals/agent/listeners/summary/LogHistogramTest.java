package io.httpsignals.agent.listeners.summary;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogHistogramTest {

    @Test
    void everyValueLandsInABucketThatHoldsIt() {
        for (long v = 0; v < 1 << 20; v += 1 + v / 7) {
            int i = LogHistogram.index(v);
            assertTrue(v <= LogHistogram.highestValueIn(i), "value " + v + " bucket " + i);
            assertTrue(i == 0 || v > LogHistogram.highestValueIn(i - 1), "value " + v + " bucket " + i);
        }
        assertEquals(LogHistogram.BUCKETS - 1, LogHistogram.index(Long.MAX_VALUE));
    }

    @Test
    void percentilesAreWithinASixteenthOfTheTruth() {
        LogHistogram h = new LogHistogram();
        for (int v = 1; v <= 10_000; v++) {
            h.record(v);
        }
        LogHistogram.Snapshot s = h.snapshot();
        assertEquals(10_000, s.count());
        assertEquals(10_000, s.max());
        assertWithin(5_000, s.percentile(50));
        assertWithin(9_000, s.percentile(90));
        assertWithin(9_900, s.percentile(99));
        assertEquals(10_000, s.percentile(100));
    }

    @Test
    void smallValuesAreExact() {
        LogHistogram h = new LogHistogram();
        h.record(3);
        h.record(3);
        h.record(7);
        assertEquals(3, h.snapshot().percentile(50));
        assertEquals(7, h.snapshot().percentile(99));
        assertEquals(0, new LogHistogram().snapshot().percentile(50));
    }

    private static void assertWithin(long expected, long actual) {
        assertTrue(actual >= expected && actual <= expected + expected / 16,
                "expected about " + expected + " but was " + actual);
    }
}
