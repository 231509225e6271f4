package io.httpsignals.it.support;

import java.time.Duration;
import java.util.List;

/** What a finished child JVM left behind. */
public record ChildResult(int exitCode, String stdout, String stderr, Duration took) {

    public List<String> stdoutLines() {
        return lines(stdout);
    }

    public List<String> stderrLines() {
        return lines(stderr);
    }

    /** Exit code and both streams, for failure messages. */
    public String describe() {
        return "exit code " + exitCode + " after " + took.toMillis() + " ms\n"
                + "--- stdout ---\n" + stdout + (stdout.endsWith("\n") || stdout.isEmpty() ? "" : "\n")
                + "--- stderr ---\n" + stderr + (stderr.endsWith("\n") || stderr.isEmpty() ? "" : "\n")
                + "--------------";
    }

    @Override
    public String toString() {
        return describe();
    }

    private static List<String> lines(String s) {
        return s.lines().toList();
    }
}
