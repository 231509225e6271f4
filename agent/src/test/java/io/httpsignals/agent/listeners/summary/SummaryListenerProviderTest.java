package io.httpsignals.agent.listeners.summary;

import io.httpsignals.agent.listeners.SimpleListenerOptions;
import io.httpsignals.agent.listeners.SyntheticRequest;
import io.httpsignals.api.ClientKind;
import io.httpsignals.api.HttpSignalListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryListenerProviderTest {

    @Test
    void intervals() {
        assertNull(SummaryListenerProvider.parseInterval(null));
        assertEquals(Duration.ofSeconds(30), SummaryListenerProvider.parseInterval("30s"));
        assertEquals(Duration.ofSeconds(30), SummaryListenerProvider.parseInterval("30"));
        assertEquals(Duration.ofMinutes(5), SummaryListenerProvider.parseInterval("5m"));
        assertEquals(Duration.ofHours(1), SummaryListenerProvider.parseInterval("1h"));
        assertEquals(Duration.ofMillis(500), SummaryListenerProvider.parseInterval("500ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SummaryListenerProvider.parseInterval("soon"))
                .getMessage().contains("write e.g. 30s"));
        assertThrows(IllegalArgumentException.class, () -> SummaryListenerProvider.parseInterval("10ms"));
    }

    @Test
    void printsEveryIntervalAndAtClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.txt");
        HttpSignalListener<?> listener = new SummaryListenerProvider().create(new SimpleListenerOptions("summary",
                Map.of("interval", "100ms", "file", file.toString(), "jmx", "false")));
        SyntheticRequest.start(listener, 1, ClientKind.JDK_HTTPCLIENT, "GET", "http://127.0.0.1:9/x").end(1, 200);
        // waits for the periodic print: what is asserted is its content, not when it came
        while (!Files.exists(file) || !Files.readString(file).contains("\nall ")) {
            Thread.sleep(20);
        }
        listener.close();
        String printed = Files.readString(file);
        assertTrue(printed.matches("(?s).*\njdk-httpclient +127\\.0\\.0\\.1:9 +1 +0 .*"), printed);
        assertTrue(printed.split("httpsignals summary since", -1).length - 1 >= 2, "periodic and final: " + printed);
    }
}
