package io.httpsignals.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The agent's settings, keyed without the {@code httpsignals.} prefix. Three sources, the first that sets a key
 * wins: agent arguments ({@code -javaagent:httpsignals-agent.jar=listeners=log;log.file=/tmp/s.jsonl}), system
 * properties ({@code -Dhttpsignals.log.file=...}), environment variables ({@code HTTPSIGNALS_LOG_FILE=...}).
 */
public final class AgentConfig {

    public static final String PREFIX = "httpsignals.";
    private static final String ENV_PREFIX = "HTTPSIGNALS_";

    private final Map<String, String> values;
    private final List<String> problems;

    private AgentConfig(Map<String, String> values, List<String> problems) {
        this.values = values;
        this.problems = problems;
    }

    public static AgentConfig load(String agentArgs, Properties systemProperties, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                values.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        e.getValue());
            }
        }
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                values.put(name.substring(PREFIX.length()), systemProperties.getProperty(name));
            }
        }
        values.putAll(parseAgentArgs(agentArgs, problems));
        return new AgentConfig(values, problems);
    }

    /** {@code key=value} pairs separated by {@code ;}; a leading {@code httpsignals.} on a key is accepted. */
    static Map<String, String> parseAgentArgs(String args, List<String> problems) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return parsed;
        }
        for (String pair : args.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                problems.add("agent argument '" + pair.trim() + "' is not key=value; write e.g. "
                        + "-javaagent:httpsignals-agent.jar=listeners=log;log.file=/tmp/signals.jsonl");
                continue;
            }
            String key = pair.substring(0, eq).trim();
            if (key.startsWith(PREFIX)) {
                key = key.substring(PREFIX.length());
            }
            parsed.put(key, pair.substring(eq + 1).trim());
        }
        return parsed;
    }

    /** Problems found while reading the sources, one human-readable line each. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    public String get(String key) {
        return values.get(key);
    }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** A comma-separated setting as a list, without blanks. */
    public List<String> list(String key) {
        String value = values.get(key);
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    /** All settings, keyed without the prefix. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** The settings {@code <listener>.<key>} of one listener, keyed by {@code <key>}. */
    public Map<String, String> optionsOf(String listenerName) {
        Map<String, String> options = new TreeMap<>();
        String prefix = listenerName + ".";
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                options.put(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return options;
    }
}
