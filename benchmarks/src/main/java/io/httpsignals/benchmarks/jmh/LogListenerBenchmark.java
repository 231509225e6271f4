package io.httpsignals.benchmarks.jmh;

import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.support.HeaderFields;
import org.openjdk.jmh.annotations.Benchmark;

import java.util.List;
import java.util.Map;

/**
 * The {@code log} listener encoding JSON lines into a file that discards them ({@code /dev/null}).
 * {@code requestWithHookHeaders} is {@code request} with the header maps made per request as the Apache and
 * {@code HttpURLConnection} hooks make them (only when a listener such as {@code log} reads them), so it shows what
 * {@code log} costs a request on top of {@code summary}.
 */
public class LogListenerBenchmark extends ListenerBenchmark {

    private static final String[] REQUEST = {"Accept", "application/json", "User-Agent", "bench/1.0"};
    private static final String[] SENT = {"Accept", "application/json", "User-Agent", "bench/1.0",
        "Host", "localhost:8080"};
    private static final String[] RESPONSE = {"Content-Type", "application/json", "Content-Length", "1200",
        "Date", "Sat, 28 Nov 2026 00:00:00 GMT"};

    private long connectionId;

    @Override
    protected String listenerName() {
        return "log";
    }

    @Override
    protected Map<String, String> options() {
        return Map.of("file", "/dev/null");
    }

    @Benchmark
    public Trace requestWithHookHeaders() {
        return Requests.run(++connectionId, hookMap(REQUEST), hookMap(SENT), hookMap(RESPONSE));
    }

    // as a hook copies a client's header objects (Apache's Header[], the JDK's MessageHeader) into a map
    private static Map<String, List<String>> hookMap(String[] namesAndValues) {
        HeaderFields fields = new HeaderFields(12);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
