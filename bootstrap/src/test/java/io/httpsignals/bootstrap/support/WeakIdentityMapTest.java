package io.httpsignals.bootstrap.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class WeakIdentityMapTest {

    @Test
    void keysAreComparedByIdentity() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        String a = new String("key");
        String b = new String("key");
        map.put(a, "a");
        assertEquals("a", map.get(a));
        assertNull(map.get(b));
        map.put(a, "a2");
        assertEquals("a2", map.get(a));
        assertEquals(1, map.size());
        assertEquals("a2", map.putIfAbsent(a, "other"));
        assertEquals("b", map.putIfAbsent(b, "b"));
        assertEquals("a2", map.remove(a));
        assertNull(map.get(a));
        assertNull(map.remove(a));
        map.put(b, null);
        assertEquals(0, map.size());
    }

    @Test
    void replaceChangesOnlyAKeyAlreadyPresent() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        Object key = new Object();
        assertNull(map.replace(key, "x"));
        assertNull(map.get(key));
        assertEquals(0, map.size());
        map.put(key, "owner");
        assertEquals("owner", map.replace(key, "none"));
        assertEquals("none", map.get(key));
        assertEquals(1, map.size());
        assertNull(map.replace(null, "x"));
    }

    @Test
    void growsAndKeepsEveryEntry() {
        WeakIdentityMap<Object, Integer> map = new WeakIdentityMap<>();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Object key = new Object();
            keys.add(key);
            map.put(key, i);
        }
        assertEquals(5000, map.size());
        for (int i = 0; i < keys.size(); i++) {
            assertEquals(i, map.get(keys.get(i)));
        }
        for (int i = 0; i < keys.size(); i += 2) {
            assertEquals(i, map.remove(keys.get(i)));
        }
        assertEquals(2500, map.size());
        for (int i = 1; i < keys.size(); i += 2) {
            assertEquals(i, map.get(keys.get(i)));
        }
    }

    @Test
    void lookupsWhileTheTableGrowsFindEveryKey() throws Exception {
        WeakIdentityMap<Object, Integer> map = new WeakIdentityMap<>();
        Object[] fixed = new Object[64];
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = new Object();
            map.put(fixed[i], i);
        }
        java.util.concurrent.atomic.AtomicInteger misses = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                for (int i = 0; i < fixed.length; i++) {
                    Integer v = map.get(fixed[i]);
                    if (v == null || v != i) {
                        misses.incrementAndGet();
                    }
                }
            }
        });
        reader.start();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            Object key = new Object();
            keys.add(key);
            map.put(key, i);
        }
        done.set(true);
        reader.join();
        assertEquals(0, misses.get());
        assertEquals(200_000 + fixed.length, map.size());
    }

    @Test
    void entriesOfCollectedKeysGo() throws InterruptedException {
        WeakIdentityMap<Object, Object> map = new WeakIdentityMap<>();
        Object kept = new Object();
        map.put(kept, "kept");
        for (int i = 0; i < 1000; i++) {
            map.put(new Object(), new byte[16]);
        }
        for (int attempt = 0; attempt < 50 && map.size() > 1; attempt++) {
            System.gc();
            Thread.sleep(20);
            WeakIdentityMap.expungeAll();
        }
        assertEquals(1, map.size());
        assertSame("kept", map.get(kept));
    }
}
