package io.httpsignals.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The connections the signals have shown, for {@code http.client.open_connections} (active: used by at least one
 * request; idle: given back to the pool) and {@code http.client.connection.duration}. No signal tells when a pool
 * closes an idle connection, so an idle connection not used again within {@link #IDLE_EXPIRY_NANOS} is no longer
 * counted; the table is bounded to {@link #MAX_TRACKED} connections.
 */
final class ConnectionTable {

    static final long IDLE_EXPIRY_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int MAX_TRACKED = 4_096;
    static final AttributeKey<String> STATE = AttributeKey.stringKey("http.connection.state");

    private static final class Connection {
        final Attributes attributes;
        final long createdNanos;
        int users;
        boolean idle;
        long idleSince;

        Connection(Attributes attributes, long createdNanos) {
            this.attributes = attributes;
            this.createdNanos = createdNanos;
        }
    }

    private final Map<Long, Connection> connections = new ConcurrentHashMap<>();

    /** A request took the connection: new ({@code created}) or reused. */
    void acquired(long id, Attributes attributes, boolean created, long nowNanos) {
        if (id < 0) {
            return;
        }
        Connection c = connections.get(id);
        if (c == null) {
            if (connections.size() >= MAX_TRACKED) {
                return;
            }
            c = connections.computeIfAbsent(id, k -> new Connection(attributes, created ? nowNanos : -1));
        }
        synchronized (c) {
            c.users++;
            c.idle = false;
        }
    }

    /**
     * A request gave the connection back: to the pool ({@code keptAlive}) or closed. Returns the connection's
     * lifetime in seconds when this closed it and its creation was seen, else -1.
     */
    double released(long id, boolean keptAlive, long nowNanos) {
        Connection c = connections.get(id);
        if (c == null) {
            return -1;
        }
        synchronized (c) {
            c.users = Math.max(0, c.users - 1);
            if (c.users > 0) {
                return -1;
            }
            if (keptAlive) {
                c.idle = true;
                c.idleSince = nowNanos;
                return -1;
            }
        }
        connections.remove(id, c);
        return c.createdNanos < 0 ? -1 : (nowNanos - c.createdNanos) / 1e9;
    }

    Attributes attributesOf(long id) {
        Connection c = connections.get(id);
        return c == null ? null : c.attributes;
    }

    /** Reports the counts per state and attributes; forgets idle connections past their expiry. */
    void observe(ObservableLongMeasurement measurement, long nowNanos) {
        Map<Attributes, long[]> counts = new HashMap<>();
        for (Iterator<Connection> it = connections.values().iterator(); it.hasNext(); ) {
            Connection c = it.next();
            boolean idle;
            synchronized (c) {
                if (c.idle && nowNanos - c.idleSince > IDLE_EXPIRY_NANOS) {
                    it.remove();
                    continue;
                }
                idle = c.idle;
            }
            counts.computeIfAbsent(c.attributes, k -> new long[2])[idle ? 1 : 0]++;
        }
        for (Map.Entry<Attributes, long[]> e : counts.entrySet()) {
            measurement.record(e.getValue()[0], e.getKey().toBuilder().put(STATE, "active").build());
            measurement.record(e.getValue()[1], e.getKey().toBuilder().put(STATE, "idle").build());
        }
    }
}
