package io.httpsignals.benchmarks.jmh;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one built-in listener costs, alone on the bus: {@code request} runs the 15 signals of one request through the
 * bus; {@code responseHeaders} and {@code responseChunk} run one signal with and without a header map.
 *
 * <p>One subclass per listener: a new built-in listener is benchmarked by adding a class that names it (see
 * {@link LogListenerBenchmark}). A listener this build does not have fails only its own benchmarks' setup, with a
 * message saying so; the others run on.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class ListenerBenchmark {

    private HttpSignalListener<?> listener;
    private Trace trace;
    private long connectionId;

    /** The name operators enable the listener by. */
    protected abstract String listenerName();

    /** The listener's options (without {@code httpsignals.<name>.}); its output should go nowhere. */
    protected Map<String, String> options() {
        return Map.of();
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        listener = Listeners.builtIn(listenerName(), options());
        if (listener == null) {
            throw new IllegalStateException("this build has no '" + listenerName()
                    + "' listener; its benchmarks are skipped");
        }
        SignalBus.install(Map.of(listenerName(), listener));
        trace = SignalBus.requestStart("bench", "GET", Requests.URL, Requests.REQUEST_HEADERS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Listeners.uninstall();
    }

    @Benchmark
    public Trace request() {
        return Requests.run(++connectionId);
    }

    @Benchmark
    public void responseHeaders() {
        SignalBus.responseHeadersReceived(trace, 200, "HTTP/1.1", Requests.RESPONSE_HEADERS);
    }

    @Benchmark
    public void responseChunk() {
        SignalBus.responseChunkReceived(trace, 512);
    }
}
