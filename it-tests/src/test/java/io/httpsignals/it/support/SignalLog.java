package io.httpsignals.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON-lines output of the {@code log} listener: one object per signal per line. Any line that is not a JSON
 * object with {@code request} and {@code signal} fails the test: malformed output is a bug of the agent.
 */
public final class SignalLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** UTC, microsecond precision, e.g. 2026-11-27T23:59:01.123456Z. */
    static final Pattern TIME_FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");

    private final String source;
    private final List<SignalRecord> records;

    private SignalLog(String source, List<SignalRecord> records) {
        this.source = source;
        this.records = Collections.unmodifiableList(records);
    }

    /** Reads a file; a missing file is an empty log (the agent writes nothing until the first signal). */
    public static SignalLog read(Path file) {
        if (!Files.exists(file)) {
            return new SignalLog(file.toString(), new ArrayList<>());
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Re-reads {@code file} until {@code ready} holds, for children still running (listeners may write
     * asynchronously). Fails with what was read if it does not happen in time.
     */
    public static SignalLog awaitRead(Path file, Duration timeout, Predicate<SignalLog> ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SignalLog log = tryRead(file);
            if (log != null && ready.test(log)) {
                return log;
            }
            if (System.nanoTime() > deadline) {
                SignalLog last = read(file); // fails on malformed output, which is then the real problem
                throw new AssertionError("signal log " + file + " not ready after " + timeout.toMillis() + " ms; "
                        + last.records().size() + " lines:\n" + last.dump());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static SignalLog tryRead(Path file) {
        try {
            return read(file);
        } catch (AssertionError e) {
            return null; // maybe a line being written; try again until the deadline
        }
    }

    /** Parses JSON-lines text; {@code source} names it in failure messages. */
    public static SignalLog parse(String content, String source) {
        List<SignalRecord> records = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (i == lines.length - 1 && line.isEmpty()) {
                break; // the newline that ends the last line
            }
            int lineNumber = i + 1;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError(source + " line " + lineNumber + " is not valid JSON ("
                        + e.getOriginalMessage() + "):\n" + line);
            }
            if (node == null || !node.isObject()) {
                throw new AssertionError(source + " line " + lineNumber + " is not a JSON object:\n" + line);
            }
            if (!node.path("request").canConvertToLong() || !node.path("signal").isTextual()) {
                throw new AssertionError(source + " line " + lineNumber
                        + " lacks a numeric 'request' or a string 'signal':\n" + line);
            }
            records.add(new SignalRecord(lineNumber, node));
        }
        return new SignalLog(source, records);
    }

    public String source() {
        return source;
    }

    /** Every line, in file order. */
    public List<SignalRecord> records() {
        return records;
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** Trace id to its records, ids in order of first appearance, records in file order. */
    public Map<Long, List<SignalRecord>> byRequest() {
        Map<Long, List<SignalRecord>> out = new LinkedHashMap<>();
        for (SignalRecord r : records) {
            out.computeIfAbsent(r.requestId(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** One entry per request, in order of first appearance. */
    public List<RequestSignals> requests() {
        return byRequest().entrySet().stream()
                .map(e -> RequestSignals.of(e.getKey(), e.getValue()))
                .collect(Collectors.toList());
    }

    public RequestSignals request(long id) {
        return requests().stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no request " + id + " in " + source + "\n" + dump()));
    }

    /** Requests whose request_start URL contains {@code urlPart}. */
    public List<RequestSignals> requestsForUrl(String urlPart) {
        return requests().stream().filter(r -> r.url() != null && r.url().contains(urlPart))
                .collect(Collectors.toList());
    }

    /** The one request whose URL contains {@code urlPart}; fails if there are none or several. */
    public RequestSignals singleRequestForUrl(String urlPart) {
        return single(requestsForUrl(urlPart), "URL containing '" + urlPart + "'");
    }

    /** Requests that sent header {@code name: value} (seen in request_start or request_headers_sent). */
    public List<RequestSignals> requestsWithHeader(String name, String value) {
        return requests().stream().filter(r -> r.sentHeader(name, value)).collect(Collectors.toList());
    }

    /** The one request that sent header {@code name: value}; fails if there are none or several. */
    public RequestSignals singleRequestWithHeader(String name, String value) {
        return single(requestsWithHeader(name, value), "header " + name + ": " + value);
    }

    public List<RequestSignals> requestsOfClient(String client) {
        return requests().stream().filter(r -> client.equals(r.client())).collect(Collectors.toList());
    }

    /**
     * Checks the fields every line must have: {@code time} in UTC with microseconds, {@code request},
     * {@code client}, {@code signal}, {@code elapsed_us}, {@code method}, {@code url}.
     */
    public void assertCommonFields() {
        List<String> problems = new ArrayList<>();
        for (SignalRecord r : records) {
            String time = r.timeText();
            if (time == null || !TIME_FORMAT.matcher(time).matches()) {
                problems.add("line " + r.lineNumber() + ": time '" + time + "' is not yyyy-MM-ddTHH:mm:ss.SSSSSSZ");
            }
            for (String field : List.of("client", "method", "url")) {
                if (!r.json().path(field).isTextual()) {
                    problems.add("line " + r.lineNumber() + ": '" + field + "' missing or not a string");
                }
            }
            if (!r.json().path("elapsed_us").canConvertToLong()) {
                problems.add("line " + r.lineNumber() + ": 'elapsed_us' missing or not a number");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("malformed lines in " + source + ":\n  " + String.join("\n  ", problems)
                    + "\n" + dump());
        }
    }

    /** The raw lines, for failure messages. */
    public String dump() {
        return records.stream().map(r -> "  " + r.lineNumber() + ": " + r.json()).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return source + " (" + records.size() + " lines)";
    }

    private RequestSignals single(List<RequestSignals> found, String what) {
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one request with " + what + " in " + source + ", found "
                    + found.size() + ":\n  " + requests().stream().map(RequestSignals::toString)
                    .collect(Collectors.joining("\n  ")));
        }
        return found.get(0);
    }
}
