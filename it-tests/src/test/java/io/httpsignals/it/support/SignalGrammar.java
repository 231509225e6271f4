package io.httpsignals.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the order of one request's signals against the lifecycle grammar (also in {@code it-tests/GRAMMAR.md}):
 *
 * <pre>
 * request     = "request_start" , hop , { ( "request_redirect" | "request_retry" ) , hop } , terminal ;
 * terminal    = "request_end" | "request_exception" ;
 * hop         = [ acquisition , [ exchange ] ] ;          (* a hop may be cut short by retry or exception *)
 * acquisition = [ queued ] , ( "connection_reuseconn" | create ) ;
 * queued      = "connection_queued_start" , "connection_queued_end" ;
 * create      = "connection_create_start" , { dns | connect | tls } , "connection_create_end" ;
 * dns         = "dns_resolvehost_start" , "dns_resolvehost_end" ;
 * connect     = "connect_start" , "connect_end" ;
 * tls         = "tls_handshake_start" , "tls_handshake_end" ;
 * exchange    = "request_headers_sent" , { "request_chunk_sent" | response } , [ "connection_released" ,
 *               { "response_chunk_received" } ] ;
 * response    = "response_headers_received" , { "response_chunk_received" } ;
 * </pre>
 *
 * with these side conditions:
 * <ul>
 *   <li>An {@code _end} that carries {@code error} ends its phase as failed. After a failed
 *       {@code connection_queued_end} or {@code connection_create_end} the hop has no connection: only
 *       {@code request_retry} or {@code request_exception} may follow.</li>
 *   <li>{@code request_chunk_sent} may follow {@code response_headers_received} (early responses, HTTP/2), but
 *       not {@code connection_released}.</li>
 *   <li>{@code request_redirect} and {@code request_end} need a {@code response_headers_received} in the current
 *       hop.</li>
 *   <li>{@code request_retry} and {@code request_exception} may come anywhere in a hop, but never while a phase
 *       (queued, create, dns, connect, tls) is open: every {@code _start} is closed by its {@code _end} first.</li>
 *   <li>Nothing follows the terminal signal.</li>
 * </ul>
 *
 * The checker is a small state machine per request; it keeps going after a violation (resynchronising as well as
 * it can) so a report lists every problem, but the first one is the one to read.
 */
public final class SignalGrammar {

    public static final Set<String> SIGNALS = Set.of(
            "request_start", "connection_queued_start", "connection_queued_end", "connection_reuseconn",
            "connection_create_start", "connection_create_end", "dns_resolvehost_start", "dns_resolvehost_end",
            "connect_start", "connect_end", "tls_handshake_start", "tls_handshake_end", "request_headers_sent",
            "request_chunk_sent", "response_headers_received", "response_chunk_received", "request_redirect",
            "request_retry", "connection_released", "request_end", "request_exception");

    /** One break of the grammar. {@code index} is the position in the request's signal list. */
    public record Violation(long requestId, int index, String signal, String message) {
        @Override
        public String toString() {
            return "request " + requestId + " #" + index + " " + signal + ": " + message;
        }
    }

    /** Where the current hop is. */
    private enum Hop {
        /** nothing yet in this hop */
        NEW,
        /** connection_queued_start seen */
        QUEUED,
        /** connection_queued_end without error */
        QUEUE_DONE,
        /** connection_create_start seen; {@link Checker#subPhase} tells which nested phase is open */
        CREATING,
        /** connection_queued_end or connection_create_end with error: no connection in this hop */
        ACQUIRE_FAILED,
        /** connection_reuseconn or connection_create_end without error */
        ACQUIRED,
        /** request_headers_sent seen (response headers maybe too, see {@link Checker#responseSeen}) */
        EXCHANGING,
        /** connection_released seen */
        RELEASED
    }

    private SignalGrammar() {
    }

    public static List<Violation> validate(RequestSignals request) {
        return validate(request, false);
    }

    /** The violations of one request; empty if it follows the grammar. */
    public static List<Violation> validate(RequestSignals request, boolean allowUnfinished) {
        Checker c = new Checker(request.id());
        List<SignalRecord> signals = request.signals();
        for (int i = 0; i < signals.size(); i++) {
            c.accept(i, signals.get(i).signal(), signals.get(i).hasError());
        }
        c.finish(signals.size(), allowUnfinished);
        return c.violations;
    }

    /** Fails listing every violation of every request in the log. */
    public static void assertValid(SignalLog log) {
        assertValid(log, false);
    }

    /**
     * Fails listing every violation of every request in the log; with {@code allowUnfinished}, requests that have
     * not (yet) ended are accepted if what is there is valid.
     */
    public static void assertValid(SignalLog log, boolean allowUnfinished) {
        List<String> report = new ArrayList<>();
        for (RequestSignals r : log.requests()) {
            List<Violation> violations = validate(r, allowUnfinished);
            if (!violations.isEmpty()) {
                report.add(r.describe() + "\n    signals: " + r.names() + "\n    "
                        + violations.stream().map(Violation::toString).collect(Collectors.joining("\n    ")));
            }
        }
        if (!report.isEmpty()) {
            throw new AssertionError("signal grammar violated in " + log.source() + ":\n  "
                    + String.join("\n  ", report));
        }
    }

    private static final class Checker {
        final long id;
        final List<Violation> violations = new ArrayList<>();
        boolean started;
        boolean terminated;
        Hop hop = Hop.NEW;
        /** open phase nested in connection_create: "dns_resolvehost", "connect", "tls_handshake" or null */
        String subPhase;
        boolean responseSeen;

        Checker(long id) {
            this.id = id;
        }

        void accept(int index, String signal, boolean error) {
            if (terminated) {
                violation(index, signal, "nothing may follow the terminal signal");
                return;
            }
            if (!started) {
                started = true;
                if (!"request_start".equals(signal)) {
                    violation(index, signal, "expected request_start first");
                } else {
                    return;
                }
            }
            if (hop == Hop.ACQUIRE_FAILED && !signal.equals("request_retry") && !signal.equals("request_exception")) {
                violation(index, signal, "the connection could not be acquired (an _end with error): only"
                        + " request_retry or request_exception may follow");
                return;
            }
            switch (signal) {
                case "request_start" -> violation(index, signal, "request_start may appear only once, first");
                case "connection_queued_start" -> {
                    expect(index, signal, hop == Hop.NEW, "connection_queued_start only at the start of a hop");
                    hop = Hop.QUEUED;
                }
                case "connection_queued_end" -> {
                    expect(index, signal, hop == Hop.QUEUED, "connection_queued_end only after connection_queued_start");
                    hop = error ? Hop.ACQUIRE_FAILED : Hop.QUEUE_DONE;
                }
                case "connection_reuseconn" -> {
                    expect(index, signal, hop == Hop.NEW || hop == Hop.QUEUE_DONE,
                            "connection_reuseconn only at the start of a hop or after connection_queued_end");
                    hop = Hop.ACQUIRED;
                }
                case "connection_create_start" -> {
                    expect(index, signal, hop == Hop.NEW || hop == Hop.QUEUE_DONE,
                            "connection_create_start only at the start of a hop or after connection_queued_end");
                    hop = Hop.CREATING;
                    subPhase = null;
                }
                case "dns_resolvehost_start", "connect_start", "tls_handshake_start" -> {
                    String phase = signal.substring(0, signal.length() - "_start".length());
                    if (hop != Hop.CREATING) {
                        violation(index, signal, signal + " only inside connection_create_start/_end");
                    } else if (subPhase != null) {
                        violation(index, signal, "expected " + subPhase + "_end before " + signal);
                    }
                    subPhase = phase;
                }
                case "dns_resolvehost_end", "connect_end", "tls_handshake_end" -> {
                    String phase = signal.substring(0, signal.length() - "_end".length());
                    if (hop != Hop.CREATING) {
                        violation(index, signal, signal + " only inside connection_create_start/_end");
                    } else if (!phase.equals(subPhase)) {
                        violation(index, signal, subPhase == null ? signal + " without " + phase + "_start"
                                : "expected " + subPhase + "_end, " + phase + " is not open");
                    }
                    subPhase = null;
                }
                case "connection_create_end" -> {
                    if (hop != Hop.CREATING) {
                        violation(index, signal, "connection_create_end without connection_create_start");
                    } else if (subPhase != null) {
                        violation(index, signal, "expected " + subPhase + "_end before connection_create_end");
                    }
                    subPhase = null;
                    hop = error ? Hop.ACQUIRE_FAILED : Hop.ACQUIRED;
                }
                case "request_headers_sent" -> {
                    expect(index, signal, hop == Hop.ACQUIRED, hop == Hop.EXCHANGING || hop == Hop.RELEASED
                            ? "request_headers_sent only once per hop (redirect or retry starts a new hop)"
                            : "a connection must be acquired (connection_reuseconn or connection_create_end"
                                    + " without error) before request_headers_sent; hop state: " + describe());
                    hop = Hop.EXCHANGING;
                }
                case "request_chunk_sent" -> expect(index, signal, hop == Hop.EXCHANGING,
                        "request_chunk_sent only after request_headers_sent and before connection_released");
                case "response_headers_received" -> {
                    expect(index, signal, hop == Hop.EXCHANGING,
                            "response_headers_received only after request_headers_sent and before"
                                    + " connection_released");
                    responseSeen = true;
                }
                case "response_chunk_received" -> expect(index, signal,
                        responseSeen && (hop == Hop.EXCHANGING || hop == Hop.RELEASED),
                        "response_chunk_received only after response_headers_received");
                case "connection_released" -> {
                    expect(index, signal, hop == Hop.ACQUIRED || hop == Hop.EXCHANGING,
                            hop == Hop.RELEASED ? "connection_released twice in one hop"
                                    : "connection_released without an acquired connection; hop state: "
                                    + describe());
                    hop = Hop.RELEASED;
                }
                case "request_redirect" -> {
                    expect(index, signal, responseSeen && (hop == Hop.EXCHANGING || hop == Hop.RELEASED),
                            "request_redirect only after response_headers_received; hop state: " + describe());
                    newHop();
                }
                case "request_retry" -> {
                    expectNothingOpen(index, signal);
                    newHop();
                }
                case "request_end" -> {
                    expectNothingOpen(index, signal);
                    expect(index, signal, responseSeen,
                            "request_end only after response_headers_received in the last hop");
                    terminated = true;
                }
                case "request_exception" -> {
                    expectNothingOpen(index, signal);
                    terminated = true;
                }
                default -> violation(index, signal, "unknown signal");
            }
        }

        void finish(int size, boolean allowUnfinished) {
            if (size == 0) {
                violations.add(new Violation(id, 0, "(none)", "no signals at all"));
            } else if (!terminated && !allowUnfinished) {
                violations.add(new Violation(id, size, "(end of log)",
                        "expected request_end or request_exception; hop state: " + describe()));
            }
        }

        private void newHop() {
            hop = Hop.NEW;
            subPhase = null;
            responseSeen = false;
        }

        private void expectNothingOpen(int index, String signal) {
            if (hop == Hop.QUEUED) {
                violation(index, signal, "expected connection_queued_end before " + signal);
            } else if (hop == Hop.CREATING) {
                violation(index, signal, "expected " + (subPhase == null ? "" : subPhase + "_end and ")
                        + "connection_create_end before " + signal);
            }
        }

        private String describe() {
            return hop + (subPhase == null ? "" : " (" + subPhase + " open)")
                    + (responseSeen ? ", response received" : "");
        }

        private void expect(int index, String signal, boolean ok, String message) {
            if (!ok) {
                violation(index, signal, message);
            }
        }

        private void violation(int index, String signal, String message) {
            violations.add(new Violation(id, index, signal, message));
        }
    }
}
