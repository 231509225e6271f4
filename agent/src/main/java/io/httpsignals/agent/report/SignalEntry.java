package io.httpsignals.agent.report;

/**
 * One signal of a request: what the timeline needs (taken from the parsed line) and, for the page's detail view,
 * the fields the log line had beyond the ones every line repeats, as compact JSON text (already redacted by the log
 * listener), or null when there were none or the detail budget was spent.
 *
 * @param connection the {@code connection} field, or -1
 * @param status     the {@code status} field, or 0
 * @param note       {@code location} of a redirect or {@code reason} of a retry, or null
 */
record SignalEntry(String signal, long elapsedUs, String fieldsJson,
                   long connection, int status, boolean error, boolean keptAlive, String note) {
}
