package io.httpsignals.agent.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the report skipped or could not fully show, counted so the page can say so instead of failing. */
final class InputProblems {

    static final int MAX_EXAMPLES = 10;

    long lines;
    long blankLines;
    long malformedLines;
    /** JSON objects without the fields every signal line has ({@code request}, {@code signal}, {@code elapsed_us}...). */
    long notSignalLines;
    long afterTerminal;
    long duplicateStarts;
    long withoutStart;
    long withoutEnd;
    long detailOmitted;
    final Map<String, Long> unknownSignals = new TreeMap<>();
    final List<String> examples = new ArrayList<>();

    void example(String where, String what) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(where + ": " + what);
        }
    }

    long unknownSignalLines() {
        return unknownSignals.values().stream().mapToLong(Long::longValue).sum();
    }

    long skippedLines() {
        return malformedLines + notSignalLines + unknownSignalLines() + afterTerminal;
    }
}
