package io.httpsignals.it.support;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The signals of one request (one trace id), in the order they were written. {@code client}, {@code method} and
 * {@code url} come from {@code request_start} (or the first line if there is none).
 */
public record RequestSignals(long id, String client, String method, String url, List<SignalRecord> signals) {

    public RequestSignals {
        signals = List.copyOf(signals);
    }

    static RequestSignals of(long id, List<SignalRecord> signals) {
        SignalRecord head = signals.stream().filter(s -> "request_start".equals(s.signal())).findFirst()
                .orElse(signals.isEmpty() ? null : signals.get(0));
        return new RequestSignals(id, head == null ? null : head.client(), head == null ? null : head.method(),
                head == null ? null : head.url(), signals);
    }

    /** The signal names in order. */
    public List<String> names() {
        return signals.stream().map(SignalRecord::signal).collect(Collectors.toList());
    }

    /** The first record of {@code signal}; fails (listing the sequence) if there is none. */
    public SignalRecord first(String signal) {
        return findFirst(signal).orElseThrow(() -> new AssertionError(
                "no " + signal + " in " + describe() + "\n  signals: " + names()));
    }

    public Optional<SignalRecord> findFirst(String signal) {
        return signals.stream().filter(s -> signal.equals(s.signal())).findFirst();
    }

    public List<SignalRecord> all(String signal) {
        return signals.stream().filter(s -> signal.equals(s.signal())).collect(Collectors.toList());
    }

    public int count(String signal) {
        return all(signal).size();
    }

    public boolean has(String signal) {
        return findFirst(signal).isPresent();
    }

    /** The last record (the terminal one in a finished request). */
    public SignalRecord last() {
        return signals.get(signals.size() - 1);
    }

    /** Whether a request header {@code name} (case-insensitive) had {@code value} in request_start or
     * request_headers_sent. */
    public boolean sentHeader(String name, String value) {
        return signals.stream()
                .filter(s -> "request_start".equals(s.signal()) || "request_headers_sent".equals(s.signal()))
                .anyMatch(s -> s.header(name).contains(value));
    }

    /** "request 7 GET http://... (jdk-httpclient)". */
    public String describe() {
        return "request " + id + " " + method + " " + url + " (" + client + ")";
    }

    @Override
    public String toString() {
        return describe() + " " + names();
    }
}
