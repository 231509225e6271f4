package io.httpsignals.benchmarks.jmh;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The bus with 0, 1 and 4 no-op listeners.
 *
 * <ul>
 *   <li>{@code signal}: one signal as a hook emits it ({@code response_chunk_received} on an open request). With no
 *       listener there is no trace, so this is the hook's whole cost: the {@code active()} guard.</li>
 *   <li>{@code request}: the 15 signals of one request, from {@code request_start} (which creates the trace) to
 *       {@code request_end}.</li>
 * </ul>
 * Budget: {@code signal} with 0 listeners <= 2 ns, with 1 <= 15 ns, 0 B/op on both (see docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BusBenchmark {

    @Param({"0", "1", "4"})
    public int listeners;

    private Trace trace;
    private long connectionId;

    @Setup(Level.Trial)
    public void setUp() {
        Listeners.installNoOps(listeners);
        trace = SignalBus.requestStart("bench", "GET", Requests.URL, Requests.REQUEST_HEADERS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Listeners.uninstall();
    }

    @Benchmark
    public void signal() {
        // the hook pattern: the guard first, then the signal on the request's trace
        if (SignalBus.active()) {
            SignalBus.responseChunkReceived(trace, 512);
        }
    }

    @Benchmark
    public Trace request() {
        return Requests.run(++connectionId);
    }
}
