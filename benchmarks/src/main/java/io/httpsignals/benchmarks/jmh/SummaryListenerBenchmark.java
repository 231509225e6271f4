package io.httpsignals.benchmarks.jmh;

/** The {@code summary} listener recording each request (its setup fails, skipping it, in builds without it). */
public class SummaryListenerBenchmark extends ListenerBenchmark {

    @Override
    protected String listenerName() {
        return "summary";
    }
}
