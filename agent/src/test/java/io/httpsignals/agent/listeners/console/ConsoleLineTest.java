package io.httpsignals.agent.listeners.console;

import io.httpsignals.agent.listeners.SyntheticRequest;
import io.httpsignals.api.ClientKind;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.net.ConnectException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleLineTest {

    private static final Pattern LINE = Pattern.compile(
            "(\\S+) (\\S+) (\\d+|ERR) (\\d+)ms  queue (\\d+)  dns (\\d+)  connect (\\d+)  tls (\\d+)"
                    + "  ttfb (\\d+|-)  body (\\d+|-)  reused (yes|no|-)  conn (#\\d+|-)(  error .*)?");

    private final StringWriter out = new StringWriter();
    private final ConsoleListener listener = new ConsoleListener(out, false);

    private SyntheticRequest<Object> request(String url) {
        return SyntheticRequest.start(listener, 1, ClientKind.JDK_HTTPCLIENT, "GET", url);
    }

    @Test
    void newConnectionWithEveryPhaseIsTheIssuesExampleAndAddsUp() {
        // queue 0, dns 3, connect 12, tls 41, ttfb 97, body 30 = 183, as in the issue
        request("https://host/path")
                .created(0.2, 3.1, 12.05, 41.3, 4)
                .responseHeaders(153.4, 200)
                .end(183.9, 200);
        assertEquals("GET https://host/path 200 183ms  queue 0  dns 3  connect 12  tls 41  ttfb 97  body 30"
                + "  reused no  conn #4\n", out.toString());
        assertPhasesSumToTotal(out.toString());
    }

    @Test
    void queuedThenReusedConnection() {
        request("http://127.0.0.1:8080/a?b=c")
                .queued(0.5, 20.7)
                .reused(20.8, 7)
                .responseHeaders(25.2, 404)
                .end(26.0, 404);
        assertEquals("GET http://127.0.0.1:8080/a?b=c 404 26ms  queue 20  dns 0  connect 0  tls 0  ttfb 5  body 1"
                + "  reused yes  conn #7\n", out.toString());
        assertPhasesSumToTotal(out.toString());
    }

    @Test
    void everyPhaseAtOnceStillAddsUpWhateverTheFractions() {
        for (int i = 0; i < 200; i++) {
            StringWriter w = new StringWriter();
            ConsoleListener l = new ConsoleListener(w, false);
            double f = i * 0.137;
            SyntheticRequest.start(l, i, ClientKind.APACHE_HTTPCLIENT5, "POST", "https://h/x")
                    .queued(0.3 + f, 1.9 + f)
                    .created(2 + f, 1.7 + f, 2.6 + f, 3.3 + f, i)
                    .responseHeaders(30 + 5 * f, 200)
                    .end(31.99 + 6 * f, 200);
            assertPhasesSumToTotal(w.toString());
        }
    }

    @Test
    void withoutResponseHeadersTtfbAndBodyAreUnknown() {
        request("http://127.0.0.1:8080/hello").end(3.5, 200);
        assertEquals("GET http://127.0.0.1:8080/hello 200 3ms  queue 0  dns 0  connect 0  tls 0  ttfb -  body -"
                + "  reused -  conn -\n", out.toString());
    }

    @Test
    void failedRequestNamesTheError() {
        request("http://127.0.0.1:1/")
                .connectFailed(0.1, 2.2, new ConnectException("Connection refused"))
                .fail(2.4, new ConnectException("Connection refused"));
        assertEquals("GET http://127.0.0.1:1/ ERR 2ms  queue 0  dns 0  connect 2  tls 0  ttfb -  body -"
                + "  reused -  conn -  error java.net.ConnectException: Connection refused\n", out.toString());
    }

    /** queue + dns + connect + tls + ttfb + body == total. */
    static void assertPhasesSumToTotal(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            throw new AssertionError("not a console line: " + line);
        }
        long sum = 0;
        for (int g = 5; g <= 10; g++) {
            sum += Long.parseLong(m.group(g));
        }
        assertEquals(Long.parseLong(m.group(4)), sum, line);
    }
}
