package io.httpsignals.agent.listeners.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineSinkTest {

    // ASCII, 2-byte, 3-byte and 4-byte (surrogate pair) UTF-8, and a lone surrogate the JDK encoder writes as '?'
    private static final String MIXED = "{\"a\":\"caf\u00e9 \u20ac \ud83d\ude00 x\"}\n";

    @Test
    void aFileGetsTheLinesAsTheJdkEncodesThemInOrderAcrossChunks(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("signals.log");
        StringBuilder expected = new StringBuilder();
        try (LineSink sink = LineSink.toFile(path)) {
            for (int i = 0; i < 5_000; i++) {
                // lengths that put chunk and scratch boundaries everywhere, including inside surrogate pairs
                StringBuilder line = new StringBuilder().append(i).append(':');
                for (int k = 0; k < i % 613; k++) {
                    line.append(k % 7 == 0 ? "\ud83d\ude00" : k % 5 == 0 ? "\u00e9" : k % 3 == 0 ? "\u20ac" : "z");
                }
                line.append(MIXED);
                expected.append(line);
                sink.write(line);
                if (i % 1_000 == 999) {
                    sink.flush();
                }
            }
        }
        assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(path));
    }

    @Test
    void aLoneSurrogateIsWrittenAsTheJdkWritesIt(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("signals.log");
        String line = "x\ud83dy\ude00z\ud83d\n";
        try (LineSink sink = LineSink.toFile(path)) {
            sink.write(new StringBuilder(line));
        }
        assertArrayEquals(line.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(path));
    }

    @Test
    void linesBeyondTheLimitAreDroppedWhileTheDiskIsBehind(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("signals.log");
        StringBuilder line = new StringBuilder("y".repeat(1023)).append('\n');
        int fit = LineSink.MAX_PENDING_BYTES / (line.length() * 3);
        try (LineSink sink = LineSink.toFile(path)) {
            for (int i = 0; i < fit * 4; i++) {
                sink.write(line);
            }
            sink.flush();
            sink.write(line); // room again once written
        }
        long lines = Files.readAllLines(path).size();
        assertTrue(lines >= fit + 1 && lines < fit * 4, "lines written: " + lines);
    }

    @Test
    void stderrGetsEachLineAtOnce() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LineSink sink = LineSink.toStderr(new PrintStream(out, false, StandardCharsets.UTF_8))) {
            sink.write(new StringBuilder(MIXED));
            assertEquals(MIXED, out.toString(StandardCharsets.UTF_8));
            String longLine = "\u20ac".repeat(LineSink.CHUNK_BYTES) + "\n";
            sink.write(new StringBuilder(longLine));
            assertEquals(MIXED + longLine, out.toString(StandardCharsets.UTF_8));
        }
    }
}
