package io.httpsignals.api;

/**
 * One logical request as the application issued it: created at {@code request_start} and handed to every signal
 * of that request, including those of redirect hops and retries. Immutable; safe to keep after the request ended.
 */
public interface RequestTrace {

    /** A JVM-unique id, increasing in the order requests started. */
    long id();

    /** The client kind, one of the {@link ClientKind} constants. */
    String client();

    /** The request method as sent on the first hop, e.g. {@code GET}. */
    String method();

    /**
     * The URL of the first hop, with any password in its user-info removed (and query parameters that the
     * operator listed in {@code httpsignals.redact.query} replaced); redirect targets arrive with
     * {@code request_redirect}.
     */
    String url();

    /** {@link System#nanoTime()} at {@code request_start}; subtract it from a signal's time for elapsed time. */
    long startNanos();

    /** Wall-clock time of {@code request_start}, in microseconds since the epoch. */
    long startEpochMicros();
}
