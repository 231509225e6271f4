package io.httpsignals.agent.report;

import io.httpsignals.api.Signal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads signal logs line by line and groups the signals by request. Lines that are not JSON, not signals, or name a
 * signal this version does not know are counted in {@link InputProblems} and skipped; nothing in the input makes it
 * fail. Request ids are only unique within one JVM run, so each file has its own id space.
 */
final class SignalLogAggregator {

    /** Fields every line repeats; the rest is what the detail view shows. */
    private static final List<String> COMMON = List.of("time", "request", "client", "signal", "elapsed_us",
            "method", "url");

    /** Characters of signal fields kept for the detail view; beyond it rows keep their timeline only. */
    static final long DEFAULT_DETAIL_BUDGET = 48L * 1024 * 1024;

    private final long detailBudget;
    private long detailUsed;
    private final InputProblems problems = new InputProblems();
    private final List<RequestRecord> requests = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private Map<Long, RequestRecord> open = new HashMap<>();
    private final StringBuilder scratch = new StringBuilder(256);

    SignalLogAggregator() {
        this(DEFAULT_DETAIL_BUDGET);
    }

    SignalLogAggregator(long detailBudget) {
        this.detailBudget = detailBudget;
    }

    /** Reads one whole file; undecodable bytes become U+FFFD rather than an error. */
    void read(Path file) throws IOException {
        beginFile(file.toString());
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                accept(++number, line);
            }
        }
        endFile();
    }

    void beginFile(String name) {
        files.add(name);
        open = new HashMap<>();
    }

    void endFile() {
        requests.addAll(open.values());
        open = new HashMap<>();
    }

    void accept(long lineNumber, String line) {
        problems.lines++;
        if (line.isBlank()) {
            problems.blankLines++;
            return;
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(line);
        } catch (JsonReader.MalformedJsonException e) {
            problems.malformedLines++;
            problems.example(where(lineNumber), "not JSON (" + e.getMessage() + ")");
            return;
        }
        if (!(parsed instanceof Map<?, ?> map)
                || !(map.get("request") instanceof Long id)
                || !(map.get("signal") instanceof String signalName)
                || !(map.get("elapsed_us") instanceof Long elapsed)) {
            problems.notSignalLines++;
            problems.example(where(lineNumber), "JSON but not a signal line (needs request, signal, elapsed_us)");
            return;
        }
        Signal signal = Signal.fromWireName(signalName);
        if (signal == null) {
            problems.unknownSignals.merge(signalName, 1L, Long::sum);
            return;
        }
        RequestRecord record = open.get(id);
        if (record != null && (record.finished() || (signal == Signal.REQUEST_START && record.sawStart))) {
            if (signal == Signal.REQUEST_START) {
                // the id space restarted: two runs appended to one file
                if (!record.finished()) {
                    problems.duplicateStarts++;
                }
                requests.add(record);
                open.remove(id);
                record = null;
            } else {
                problems.afterTerminal++;
                return;
            }
        }
        if (record == null) {
            long startEpochUs;
            try {
                startEpochUs = epochMicros((String) map.get("time")) - elapsed;
            } catch (RuntimeException e) {
                problems.notSignalLines++;
                problems.example(where(lineNumber), "no valid time on the first line of request " + id);
                return;
            }
            record = new RequestRecord(files.size() - 1, id, text(map.get("client")), text(map.get("method")),
                    text(map.get("url")), startEpochUs);
            open.put(id, record);
        }
        add(record, signal, elapsed, map);
    }

    private void add(RequestRecord record, Signal signal, long elapsed, Map<?, ?> map) {
        String fields = null;
        if (map.size() > COMMON.size()) {
            if (detailUsed < detailBudget) {
                scratch.setLength(0);
                scratch.append('{');
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!COMMON.contains((String) e.getKey())) {
                        if (scratch.length() > 1) {
                            scratch.append(',');
                        }
                        JsonOut.string(scratch, (String) e.getKey());
                        scratch.append(':');
                        JsonOut.value(scratch, e.getValue());
                    }
                }
                fields = scratch.append('}').toString();
                detailUsed += fields.length();
            } else if (!record.detailDropped) {
                record.detailDropped = true;
                problems.detailOmitted++;
            }
        }
        Object error = map.get("error");
        long connection = map.get("connection") instanceof Long c ? c : -1;
        int status = map.get("status") instanceof Long s ? s.intValue() : 0;
        String note = text(map.containsKey("location") ? map.get("location") : map.get("reason"));
        record.signals.add(new SignalEntry(signal.wireName(), elapsed, fields, connection, status,
                error instanceof Map<?, ?>, !Boolean.FALSE.equals(map.get("kept_alive")), note));
        record.lastUs = Math.max(record.lastUs, elapsed);
        switch (signal) {
            case REQUEST_START -> record.sawStart = true;
            case REQUEST_END -> {
                record.terminal = signal.wireName();
                if (status > 0) {
                    record.status = status;
                }
            }
            case REQUEST_EXCEPTION -> {
                record.terminal = signal.wireName();
                record.error = describe(error);
            }
            default -> {
                // a failed phase that the client recovered from is drawn as such, but does not fail the request
            }
        }
    }

    /** Analyses every request and returns them by start time, with the counts of what was skipped. */
    ReportModel finish() {
        if (!open.isEmpty()) {
            endFile();
        }
        for (RequestRecord r : requests) {
            r.analyse();
            if (!r.sawStart) {
                problems.withoutStart++;
            }
            if (!r.finished()) {
                problems.withoutEnd++;
            }
        }
        requests.sort((a, b) -> a.startEpochUs != b.startEpochUs ? Long.compare(a.startEpochUs, b.startEpochUs)
                : a.file != b.file ? Integer.compare(a.file, b.file) : Long.compare(a.id, b.id));
        return new ReportModel(List.copyOf(files), requests, problems);
    }

    private String where(long lineNumber) {
        return files.get(files.size() - 1) + ":" + lineNumber;
    }

    private static String describe(Object error) {
        if (error instanceof Map<?, ?> m) {
            Object type = m.get("type");
            Object message = m.get("message");
            String shortType = type == null ? "error" : type.toString().substring(type.toString().lastIndexOf('.') + 1);
            return message == null ? shortType : shortType + ": " + message;
        }
        return error == null ? "failed" : error.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static long epochMicros(String isoTime) {
        try {
            Instant instant = Instant.parse(isoTime);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("bad time " + isoTime, e);
        }
    }
}
