package io.httpsignals.api;

import java.util.Map;

/**
 * The options an operator gave one listener: every {@code httpsignals.<listener-name>.<key>} setting (from system
 * properties, agent arguments or {@code HTTPSIGNALS_<LISTENER_NAME>_<KEY>} environment variables), keyed by
 * {@code <key>}. For example {@code -Dhttpsignals.log.file=/tmp/s.jsonl} reaches the {@code log} listener as
 * {@code file}.
 */
public interface ListenerOptions {

    /** The name the listener was enabled under, e.g. {@code log}. */
    String listenerName();

    /** The value of the option, or {@code null}. */
    String get(String key);

    /** The value of the option, or {@code defaultValue}. */
    default String get(String key, String defaultValue) {
        String value = get(key);
        return value == null ? defaultValue : value;
    }

    /** All options of this listener. */
    Map<String, String> asMap();
}
