package io.httpsignals.agent.listeners;

import io.httpsignals.agent.config.AgentConfig;
import io.httpsignals.agent.dispatch.AsyncListener;
import io.httpsignals.api.HttpSignalListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Under {@code dispatch=auto}, which built-in listeners go through the queue. */
class DispatchModeTest {

    @TempDir
    Path dir;

    @Test
    void logToAFileIsCalledDirectlyAndLogToStderrThroughTheQueue() throws Exception {
        Map<String, HttpSignalListener<?>> toFile = enabled("listeners=log;log.file=" + dir.resolve("s.jsonl"));
        Map<String, HttpSignalListener<?>> toStderr = enabled("listeners=log,console");
        try {
            assertFalse(toFile.get("log") instanceof AsyncListener, "log to a file only appends to memory");
            assertInstanceOf(AsyncListener.class, toStderr.get("log"));
            assertInstanceOf(AsyncListener.class, toStderr.get("console"));
        } finally {
            for (HttpSignalListener<?> listener : toFile.values()) {
                listener.close();
            }
            for (HttpSignalListener<?> listener : toStderr.values()) {
                listener.close();
            }
        }
    }

    private static Map<String, HttpSignalListener<?>> enabled(String agentArgs) {
        AgentConfig config = AgentConfig.load(agentArgs, new Properties(), Map.of());
        return ListenerCatalog.load(config).createEnabled(config);
    }
}
