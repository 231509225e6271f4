package io.httpsignals.agent.report;

import java.util.List;

/** The requests of all input files, by start time, and what the input held that could not be shown in full. */
record ReportModel(List<String> files, List<RequestRecord> requests, InputProblems problems) {

    /** Epoch microseconds of the earliest request: the zero of the shared time axis. */
    long t0() {
        return requests.isEmpty() ? 0 : requests.get(0).startEpochUs;
    }

    /** Microseconds from {@link #t0()} to the last signal of any request. */
    long span() {
        long t0 = t0();
        long end = 0;
        for (RequestRecord r : requests) {
            end = Math.max(end, r.startEpochUs - t0 + r.durationUs());
        }
        return end;
    }
}
