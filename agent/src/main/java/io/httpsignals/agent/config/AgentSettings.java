package io.httpsignals.agent.config;

import java.util.Set;

/** The agent's own keys (listener options are {@code <listener>.<key>} and checked by each listener). */
public final class AgentSettings {

    /** Comma-separated listener names, in dispatch order. */
    public static final String LISTENERS = "listeners";
    /** Comma-separated plugin jar files and folders of jars. */
    public static final String PLUGINS = "plugins";
    /** Extra header names whose values are redacted in every built-in output. */
    public static final String REDACT_HEADERS = "redact.headers";
    /** Query parameter names whose values are redacted from every URL. */
    public static final String REDACT_QUERY = "redact.query";
    /** {@code sync}, {@code async} or {@code auto} (default: async for plugins and listeners that do I/O). */
    public static final String DISPATCH = "dispatch";
    /** Capacity of each asynchronous listener's queue, in signals. */
    public static final String DISPATCH_QUEUE = "dispatch.queue";
    /** How long, in milliseconds, an asynchronous listener may take to drain its queue at shutdown. */
    public static final String DISPATCH_FLUSH_MS = "dispatch.flush.ms";
    /**
     * {@code off} keeps the agent from caching its extracted core jar and the classes it wove in
     * {@code $XDG_CACHE_HOME/httpsignals} (default {@code ~/.cache/httpsignals}); start-up is then slower.
     * {@code verify} (a diagnostic) weaves every class anyway and checks that the cache gave the same bytes.
     */
    public static final String CACHE = "cache";
    /** {@code true} prints which hooks were installed and skipped at start. */
    public static final String DEBUG = "debug";

    public static final Set<String> KEYS = Set.of(LISTENERS, PLUGINS, REDACT_HEADERS, REDACT_QUERY, DISPATCH,
            DISPATCH_QUEUE, DISPATCH_FLUSH_MS, CACHE, DEBUG);

    private AgentSettings() {
    }
}
