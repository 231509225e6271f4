package io.httpsignals.agent.listeners.log;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {

    @Test
    void timestampsMatchIsoInstantWithMicroseconds() {
        for (long micros : new long[] {0L, 1_700_000_000_123_456L, 951_782_400_000_001L, 4_102_444_799_999_999L}) {
            StringBuilder b = new StringBuilder();
            JsonText.timestamp(b, micros);
            Instant instant = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            String expected = instant.toString().replace("Z", "");
            if (!expected.contains(".")) {
                expected += ".000000";
            }
            while (expected.length() - expected.indexOf('.') < 7) {
                expected += "0";
            }
            assertEquals("\"" + expected + "Z\"", b.toString());
        }
    }

    @Test
    void stringsAreEscapedIntoValidJson() {
        StringBuilder b = new StringBuilder();
        JsonText.string(b, "a\"b\\c\n\t\u0001é\ud800x");
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001é\\ud800x\"", b.toString());
    }
}
