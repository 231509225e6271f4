package io.httpsignals.api;

/**
 * The error of a phase's end signal when the request ended (or the phase restarted) before the client reported
 * the phase's own end. Lets listeners rely on every {@code *_start} having its {@code *_end}.
 */
public final class IncompletePhaseException extends Exception {

    private static final long serialVersionUID = 1L;

    public IncompletePhaseException(String message) {
        super(message, null, false, false);
    }
}
