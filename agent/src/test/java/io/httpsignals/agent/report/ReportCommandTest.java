package io.httpsignals.agent.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aMissingInputIsAClearErrorAndNonZeroExit() {
        int code = run(dir.resolve("nope.jsonl").toString(), "-o", dir.resolve("r.html").toString());
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read")
                && err.toString(StandardCharsets.UTF_8).contains("nope.jsonl (no such file)"), err::toString);
        assertFalse(Files.exists(dir.resolve("r.html")));
        assertEquals(2, run());
        assertEquals(2, run("x.jsonl", "-o"));
        assertEquals(2, run("--bogus", "x.jsonl"));
    }

    @Test
    void writesOneSelfContainedPageWhateverTheLinesHold() throws Exception {
        Path log = dir.resolve("signals.jsonl");
        // a URL that tries to close the data element must stay inside it
        String evil = "http://h/</script><script>alert(1)</script>";
        Files.write(log, List.of(
                SignalLogAggregatorTest.line(1, "request_start", 0, "\"headers\":{\"cookie\":[\"<redacted>\"]}")
                        .replace("https://api.example.test:8443/users?page=1", evil),
                SignalLogAggregatorTest.line(1, "request_end", 10, "\"status\":200")
                        .replace("https://api.example.test:8443/users?page=1", evil),
                "{\"truncated\":", "\u00ff\u00fe binary"), StandardCharsets.UTF_8);
        Files.write(log, new byte[] {(byte) 0xC3, (byte) 0x28, '\n'}, java.nio.file.StandardOpenOption.APPEND);
        Path html = dir.resolve("out/report.html");
        assertEquals(0, run(log.toString(), "-o", html.toString()), err::toString);
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertFalse(page.contains("/*@"), "every template mark is replaced");
        assertFalse(page.matches("(?s).*(src=|href=|@import|url\\(http).*"), "nothing is loaded from elsewhere");
        assertEquals(2, page.split("</script>", -1).length - 1, "only the page's own two script elements close");
        assertFalse(page.contains("alert(1)</script>"));
        assertTrue(page.contains("\\u003credacted\\u003e"));
        assertTrue(page.contains("\"malformed\":3"), "the two broken lines and the bad bytes are counted");
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("1 requests from 5 lines") && said.contains("3 lines skipped"), said);
    }
}
