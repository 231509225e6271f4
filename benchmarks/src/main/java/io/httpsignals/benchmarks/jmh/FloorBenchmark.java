package io.httpsignals.benchmarks.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The price of the primitives a delivered signal is made of, on the machine at hand, so the bus's figures can be
 * read against the floor: the signal's timestamp, the trace's monitor, a thread-local lookup, a shared counter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FloorBenchmark {

    private static final ThreadLocal<int[]> LOCAL = ThreadLocal.withInitial(() -> new int[1]);
    private static final LongAdder COUNTER = new LongAdder();

    private final Object monitor = new Object();
    private int guarded;

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public int uncontendedMonitor() {
        synchronized (monitor) {
            return ++guarded;
        }
    }

    @Benchmark
    public int threadLocal() {
        return ++LOCAL.get()[0];
    }

    @Benchmark
    public void longAdder() {
        COUNTER.increment();
    }
}
