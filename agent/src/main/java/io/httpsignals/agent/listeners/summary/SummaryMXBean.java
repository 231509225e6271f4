package io.httpsignals.agent.listeners.summary;

/**
 * The {@code summary} listener's figures over JMX, registered as {@code io.httpsignals:type=Summary} on the
 * platform MBean server (jconsole, JDK Mission Control, any JMX client). Top-level attributes cover all requests;
 * {@code Hosts} has one row per client kind and host. Times are milliseconds.
 */
public interface SummaryMXBean {

    long getRequests();

    long getErrors();

    long getStatus1xx();

    long getStatus2xx();

    long getStatus3xx();

    long getStatus4xx();

    long getStatus5xx();

    long getConnectionsCreated();

    long getConnectionsReused();

    long getQueuedRequests();

    double getQueueTimeTotalMillis();

    double getQueueTimeMaxMillis();

    double getTotalP50Millis();

    double getTotalP90Millis();

    double getTotalP99Millis();

    double getTotalMaxMillis();

    /**
     * Signals that asynchronous dispatch dropped because a listener's queue was full, since the agent started (not
     * reset): if it is not 0, some listener's output misses requests.
     */
    long getDroppedSignals();

    /** When the figures started: the agent's start or the last reset, ISO-8601. */
    String getSince();

    /** One row per client kind and host, with every figure of the printed table. */
    HostSummary[] getHosts();

    /** The table as printed at exit. */
    String getTable();

    /** Starts all figures afresh. */
    void reset();
}
