package io.httpsignals.agent.report;

/** A point event drawn inside a row: a redirect, a retry or the failure, in microseconds since the start. */
record Mark(Kind kind, long atUs, String text) {

    enum Kind {
        REDIRECT("redirect"), RETRY("retry"), ERROR("error");

        final String key;

        Kind(String key) {
            this.key = key;
        }
    }
}
