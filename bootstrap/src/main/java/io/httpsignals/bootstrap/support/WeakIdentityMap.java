package io.httpsignals.bootstrap.support;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Per-object state for objects of the instrumented clients (connections, exchanges), keyed by identity and held
 * weakly, so the state never keeps its key alive: when the client drops the object, the entry goes with it.
 * The agent adds no fields to client classes (the same hooks must work when attached to a running JVM), so this
 * map is how a hook finds what an earlier hook learnt about the same object.
 *
 * <p>Hooks bind several objects per request, so an entry is one object: the weak reference to the key itself
 * carries the value and the bucket chain (as in {@link java.util.WeakHashMap}), and replacing the value of a key
 * already present allocates nothing. Lookups take no lock and allocate nothing; writes lock one of
 * {@value #STRIPES} stripes.
 *
 * <p>Entries whose key was collected are dropped on the next write to the map and, for maps nobody writes to any
 * more, by {@link #expungeAll()}, which the agent runs every second, so a value never outlives its key by long.
 */
public final class WeakIdentityMap<K, V> {

    private static final int STRIPES = 16;
    private static final int INITIAL_CAPACITY = 64;

    // every map, weakly, so expungeAll reaches them without keeping any alive
    private static final java.util.Set<WeakIdentityMap<?, ?>> ALL =
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());

    private final Stripe<V>[] stripes;
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    @SuppressWarnings("unchecked")
    public WeakIdentityMap() {
        stripes = new Stripe[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe<>();
        }
        synchronized (ALL) {
            ALL.add(this);
        }
    }

    /** Drops the entries of collected keys in every map. */
    public static void expungeAll() {
        WeakIdentityMap<?, ?>[] maps;
        synchronized (ALL) {
            maps = ALL.toArray(new WeakIdentityMap<?, ?>[0]);
        }
        for (WeakIdentityMap<?, ?> map : maps) {
            map.expunge();
        }
    }

    public V get(K key) {
        if (key == null) {
            return null;
        }
        int hash = hash(key);
        Stripe<V> stripe = stripeOf(hash);
        int version = stripe.version;
        AtomicReferenceArray<Entry<V>> table = stripe.table;
        for (Entry<V> e = table.get(indexOf(hash, table)); e != null; e = e.next) {
            if (e.hash == hash && e.get() == key) {
                return e.value;
            }
        }
        if ((version & 1) != 0 || version != stripe.version) {
            // the table was being grown while we looked: entries were moving between chains, look again locked
            synchronized (stripe) {
                Entry<V> e = stripe.find(key, hash);
                return e == null ? null : e.value;
            }
        }
        return null;
    }

    public void put(K key, V value) {
        if (key == null) {
            return;
        }
        if (value == null) {
            remove(key);
            return;
        }
        expunge();
        int hash = hash(key);
        Stripe<V> stripe = stripeOf(hash);
        synchronized (stripe) {
            Entry<V> e = stripe.find(key, hash);
            if (e != null) {
                e.value = value;
            } else {
                stripe.add(new Entry<>(key, hash, value, collected));
            }
        }
    }

    /** Sets the value only if none is present; returns the value now in the map. */
    public V putIfAbsent(K key, V value) {
        if (key == null) {
            return null;
        }
        expunge();
        int hash = hash(key);
        Stripe<V> stripe = stripeOf(hash);
        synchronized (stripe) {
            Entry<V> e = stripe.find(key, hash);
            if (e != null) {
                return e.value;
            }
            stripe.add(new Entry<>(key, hash, value, collected));
            return value;
        }
    }

    /**
     * Replaces the value of a key already present and returns the previous one; adds nothing (and returns null)
     * when the key is absent. Allocation-free: a long-lived key can be marked instead of removed and added again.
     */
    public V replace(K key, V value) {
        if (key == null || value == null) {
            return null;
        }
        int hash = hash(key);
        Stripe<V> stripe = stripeOf(hash);
        synchronized (stripe) {
            Entry<V> e = stripe.find(key, hash);
            if (e == null) {
                return null;
            }
            V previous = e.value;
            e.value = value;
            return previous;
        }
    }

    public V remove(K key) {
        if (key == null) {
            return null;
        }
        int hash = hash(key);
        Stripe<V> stripe = stripeOf(hash);
        synchronized (stripe) {
            Entry<V> e = stripe.find(key, hash);
            if (e == null) {
                return null;
            }
            stripe.unlink(e);
            return e.value;
        }
    }

    /** Entries whose key is still alive (for tests and status). */
    public int size() {
        expunge();
        int size = 0;
        for (Stripe<V> stripe : stripes) {
            synchronized (stripe) {
                size += stripe.size;
            }
        }
        return size;
    }

    @SuppressWarnings("unchecked")
    private void expunge() {
        Object ref;
        while ((ref = collected.poll()) != null) {
            Entry<V> e = (Entry<V>) ref;
            Stripe<V> stripe = stripeOf(e.hash);
            synchronized (stripe) {
                stripe.unlink(e);
            }
        }
    }

    private static int hash(Object key) {
        int h = System.identityHashCode(key);
        return h ^ (h >>> 16);
    }

    private Stripe<V> stripeOf(int hash) {
        return stripes[(hash >>> 24) & (STRIPES - 1)];
    }

    private static int indexOf(int hash, AtomicReferenceArray<?> table) {
        return hash & (table.length() - 1);
    }

    /** One key's entry: the weak reference to the key, the value, and the next entry of its bucket. */
    private static final class Entry<V> extends WeakReference<Object> {
        final int hash;
        volatile V value;
        volatile Entry<V> next;

        Entry(Object key, int hash, V value, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
        }
    }

    /**
     * A part of the map with its own table; written under its monitor, read without it. {@link #version} is odd
     * while the table grows (its entries are moved to the new table's chains one by one), so a lookup that found
     * nothing while that happened knows to look again.
     */
    private static final class Stripe<V> {
        volatile AtomicReferenceArray<Entry<V>> table = new AtomicReferenceArray<>(INITIAL_CAPACITY);
        volatile int version;
        int size;

        Entry<V> find(Object key, int hash) {
            AtomicReferenceArray<Entry<V>> t = table;
            for (Entry<V> e = t.get(indexOf(hash, t)); e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    return e;
                }
            }
            return null;
        }

        void add(Entry<V> entry) {
            // chains of two on average: keys are per request and linger until a GC clears them, so a table sized
            // for that would be large and grown often
            if (size >= table.length() * 2) {
                grow();
            }
            AtomicReferenceArray<Entry<V>> t = table;
            int i = indexOf(entry.hash, t);
            entry.next = t.get(i);
            t.set(i, entry);
            size++;
        }

        /** Removes {@code entry} if it is in the table (a collected entry may have been removed already). */
        void unlink(Entry<V> entry) {
            AtomicReferenceArray<Entry<V>> t = table;
            int i = indexOf(entry.hash, t);
            Entry<V> previous = null;
            for (Entry<V> e = t.get(i); e != null; e = e.next) {
                if (e == entry) {
                    if (previous == null) {
                        t.set(i, e.next);
                    } else {
                        previous.next = e.next;
                    }
                    size--;
                    return;
                }
                previous = e;
            }
        }

        /**
         * Doubles the table, moving the entries (no copies: growing allocates only the new array). A lookup
         * walking a chain meanwhile may be led into another chain, which ends too (a moved entry links only to
         * entries moved before it), and retries if it found nothing. Entries of collected keys are left behind
         * (their references are queued, and unlinking them later finds nothing).
         */
        private void grow() {
            AtomicReferenceArray<Entry<V>> old = table;
            AtomicReferenceArray<Entry<V>> grown = new AtomicReferenceArray<>(old.length() * 2);
            version++;
            int live = 0;
            for (int i = 0; i < old.length(); i++) {
                Entry<V> e = old.get(i);
                while (e != null) {
                    Entry<V> next = e.next;
                    if (e.get() != null) {
                        int j = indexOf(e.hash, grown);
                        e.next = grown.get(j);
                        grown.set(j, e);
                        live++;
                    }
                    e = next;
                }
            }
            table = grown;
            version++;
            size = live;
        }
    }
}
