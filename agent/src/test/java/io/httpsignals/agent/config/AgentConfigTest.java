package io.httpsignals.agent.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgentConfigTest {

    @Test
    void agentArgumentsWinOverPropertiesWhichWinOverEnvironment() {
        Properties props = new Properties();
        props.setProperty("httpsignals.listeners", "summary");
        props.setProperty("httpsignals.log.file", "/from/property");
        props.setProperty("other.key", "ignored");
        AgentConfig config = AgentConfig.load("listeners=log,console;httpsignals.plugins=/p.jar", props,
                Map.of("HTTPSIGNALS_LOG_FILE", "/from/env", "HTTPSIGNALS_SUMMARY_INTERVAL", "10s", "PATH", "/bin"));
        assertEquals(List.of("log", "console"), config.list("listeners"));
        assertEquals("/from/property", config.get("log.file"));
        assertEquals("/p.jar", config.get("plugins"));
        assertEquals(Map.of("interval", "10s"), config.optionsOf("summary"));
        assertEquals(List.of(), config.problems());
    }

    @Test
    void malformedArgumentsAreReportedAndSkipped() {
        AgentConfig config = AgentConfig.load("listeners=log;;oops", new Properties(), Map.of());
        assertEquals(List.of("log"), config.list("listeners"));
        assertEquals(1, config.problems().size());
        assertEquals(true, config.problems().get(0).contains("'oops' is not key=value"));
    }
}
