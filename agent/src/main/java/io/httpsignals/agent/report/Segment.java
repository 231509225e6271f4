package io.httpsignals.agent.report;

/** A phase of one hop, in microseconds since the request started. */
record Segment(Phase phase, long startUs, long endUs, boolean failed, int hop) {

    long durationUs() {
        return Math.max(0, endUs - startUs);
    }
}
