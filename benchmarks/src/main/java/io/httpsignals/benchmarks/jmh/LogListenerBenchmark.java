package io.httpsignals.benchmarks.jmh;

import java.util.Map;

/** The {@code log} listener encoding JSON lines into a file that discards them ({@code /dev/null}). */
public class LogListenerBenchmark extends ListenerBenchmark {

    @Override
    protected String listenerName() {
        return "log";
    }

    @Override
    protected Map<String, String> options() {
        return Map.of("file", "/dev/null");
    }
}
