package io.httpsignals.bootstrap.support;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-object state for objects of the instrumented clients (connections, exchanges), keyed by identity and held
 * weakly, so the state never keeps its key alive: when the client drops the object, the entry goes with it.
 * The agent adds no fields to client classes (the same hooks must work when attached to a running JVM), so this
 * map is how a hook finds what an earlier hook learnt about the same object.
 *
 * <p>Lookups allocate nothing: they go through a per-thread probe key. Entries whose key was collected are dropped
 * on the next access of the map and, for maps nobody touches any more, by {@link #expungeAll()}, which the agent
 * runs every second, so a value never outlives its key by long.
 */
public final class WeakIdentityMap<K, V> {

    // every map, weakly, so expungeAll reaches them without keeping any alive
    private static final java.util.Set<WeakIdentityMap<?, ?>> ALL =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<K> collected = new ReferenceQueue<>();
    private final ThreadLocal<Probe> probes = ThreadLocal.withInitial(Probe::new);

    public WeakIdentityMap() {
        synchronized (ALL) {
            ALL.add(this);
        }
    }

    /** Drops the entries of collected keys in every map. */
    public static void expungeAll() {
        java.util.List<WeakIdentityMap<?, ?>> maps;
        synchronized (ALL) {
            maps = new java.util.ArrayList<>(ALL);
        }
        for (WeakIdentityMap<?, ?> map : maps) {
            map.expunge();
        }
    }

    public V get(K key) {
        if (key == null) {
            return null;
        }
        expunge();
        Probe probe = probes.get();
        probe.key = key;
        try {
            return map.get(probe);
        } finally {
            probe.key = null;
        }
    }

    public void put(K key, V value) {
        if (key == null) {
            return;
        }
        expunge();
        if (value == null) {
            remove(key);
        } else {
            map.put(new WeakKey<>(key, collected), value);
        }
    }

    /** Sets the value only if none is present; returns the value now in the map. */
    public V putIfAbsent(K key, V value) {
        if (key == null) {
            return null;
        }
        expunge();
        V previous = map.putIfAbsent(new WeakKey<>(key, collected), value);
        return previous != null ? previous : value;
    }

    public V remove(K key) {
        if (key == null) {
            return null;
        }
        Probe probe = probes.get();
        probe.key = key;
        try {
            return map.remove(probe);
        } finally {
            probe.key = null;
        }
    }

    /** Entries whose key is still alive (for tests and status). */
    public int size() {
        expunge();
        return map.size();
    }

    private void expunge() {
        Object ref;
        while ((ref = collected.poll()) != null) {
            map.remove(ref);
        }
    }

    /** Identity of a live key, shared by {@link WeakKey} and {@link Probe} so either finds the other. */
    private interface IdentityKey {
        Object referent();
    }

    private static final class WeakKey<K> extends WeakReference<K> implements IdentityKey {
        private final int hash;

        WeakKey(K key, ReferenceQueue<K> queue) {
            super(key, queue);
            this.hash = System.identityHashCode(key);
        }

        @Override
        public Object referent() {
            return get();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof IdentityKey)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == ((IdentityKey) other).referent();
        }
    }

    private static final class Probe implements IdentityKey {
        Object key;

        @Override
        public Object referent() {
            return key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityKey && ((IdentityKey) other).referent() == key;
        }
    }
}
