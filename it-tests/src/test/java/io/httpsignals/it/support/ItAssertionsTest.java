package io.httpsignals.it.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItAssertionsTest {

    private static final RequestSignals R = SignalGrammarTest.request("request_start", "connection_reuseconn",
            "request_headers_sent", "response_headers_received", "request_end");

    @Test
    void assertSignalsShowsBothSequences() {
        ItAssertions.assertSignals(R, "request_start", "connection_reuseconn", "request_headers_sent",
                "response_headers_received", "request_end");
        AssertionError e = assertThrows(AssertionError.class, () -> ItAssertions.assertSignals(R,
                "request_start", "connection_create_start", "request_headers_sent"));
        String m = e.getMessage();
        assertTrue(m.contains("http://127.0.0.1:1/x"), m);
        assertTrue(m.matches("(?s).*1 ! connection_create_start\\s+connection_reuseconn.*"), m);
        assertTrue(m.matches("(?s).*3 !\\s+response_headers_received.*"), m);
    }

    @Test
    void assertSignalsIncludeAllowsGaps() {
        ItAssertions.assertSignalsInclude(R, "request_start", "response_headers_received", "request_end");
        assertThrows(AssertionError.class,
                () -> ItAssertions.assertSignalsInclude(R, "request_end", "request_start"));
    }

    @Test
    void stderrCheck() {
        ChildResult clean = new ChildResult(0, "out\n", "\n", Duration.ZERO);
        ChildResult agentNote = new ChildResult(0, "", "httpsignals: plugin x.jar skipped\n", Duration.ZERO);
        ChildResult error = new ChildResult(0, "", "httpsignals: note\nException in thread \"main\"\n",
                Duration.ZERO);
        ItAssertions.assertNoStderrErrors(clean);
        ItAssertions.assertNoStderrErrors(agentNote, true);
        assertThrows(AssertionError.class, () -> ItAssertions.assertNoStderrErrors(agentNote));
        AssertionError e = assertThrows(AssertionError.class, () -> ItAssertions.assertNoStderrErrors(error, true));
        assertTrue(e.getMessage().contains("Exception in thread"), e.getMessage());
        assertTrue(!e.getMessage().contains("(2 lines)"), e.getMessage());
    }
}
