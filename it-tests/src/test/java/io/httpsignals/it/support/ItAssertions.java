package io.httpsignals.it.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Assertions whose failure messages show enough to debug a child JVM run without re-running it. */
public final class ItAssertions {

    private ItAssertions() {
    }

    /** The request's signal names are exactly {@code expected}; on failure shows both sequences side by side. */
    public static void assertSignals(RequestSignals r, String... expected) {
        List<String> actual = r.names();
        if (!actual.equals(Arrays.asList(expected))) {
            throw new AssertionError("unexpected signals for " + r.describe() + "\n"
                    + sideBySide(Arrays.asList(expected), actual));
        }
    }

    /**
     * {@code expected} appear in the request's signals in this order, other signals may sit in between (e.g. the
     * dns/connect details a test does not care about).
     */
    public static void assertSignalsInclude(RequestSignals r, String... expected) {
        List<String> actual = r.names();
        int next = 0;
        for (String name : actual) {
            if (next < expected.length && expected[next].equals(name)) {
                next++;
            }
        }
        if (next < expected.length) {
            throw new AssertionError("signals of " + r.describe() + " do not contain, in order, " + expected[next]
                    + " (after " + Arrays.asList(expected).subList(0, next) + ")\n"
                    + sideBySide(Arrays.asList(expected), actual));
        }
    }

    /** Expected and actual, one per line, mismatching lines marked. */
    static String sideBySide(List<String> expected, List<String> actual) {
        int width = "expected".length();
        for (String s : expected) {
            width = Math.max(width, s.length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("  %3s   %-" + width + "s   %s%n", "#", "expected", "actual"));
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "";
            String a = i < actual.size() ? actual.get(i) : "";
            sb.append(String.format("  %3d %s %-" + width + "s   %s%n", i, e.equals(a) ? " " : "!", e, a));
        }
        return sb.toString();
    }

    /** stderr has no lines at all (blank lines aside). */
    public static void assertNoStderrErrors(ChildResult result) {
        assertNoStderrErrors(result, false);
    }

    /**
     * stderr has no lines, except, if {@code allowAgentMessages}, lines starting with {@code httpsignals:} (the
     * agent's own diagnostics, expected e.g. when a test feeds it a bad plugin).
     */
    public static void assertNoStderrErrors(ChildResult result, boolean allowAgentMessages) {
        List<String> offending = new ArrayList<>();
        for (String line : result.stderrLines()) {
            if (line.isBlank() || allowAgentMessages && line.startsWith("httpsignals:")) {
                continue;
            }
            offending.add(line);
        }
        if (!offending.isEmpty()) {
            throw new AssertionError("unexpected stderr output (" + offending.size() + " lines):\n  "
                    + String.join("\n  ", offending) + "\n" + result.describe());
        }
    }

    /** The child exited with 0; otherwise fails with both streams. */
    public static void assertExitedNormally(ChildResult result) {
        if (result.exitCode() != 0) {
            throw new AssertionError("child JVM failed: " + result.describe());
        }
    }
}
