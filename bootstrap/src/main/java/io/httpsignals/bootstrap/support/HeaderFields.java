package io.httpsignals.bootstrap.support;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The header fields of a message head a hook parsed from raw bytes, as the read-only, ordered
 * {@code Map<String, List<String>>} listeners get: two arrays instead of a hash map with a node and a list per
 * header. Names and values that repeat from one request to the next (they mostly do) are the same
 * {@code String} objects: a small per-thread cache of the last ones made saves a string per field. Lookups
 * compare names ignoring case, as HTTP does.
 */
public final class HeaderFields extends AbstractMap<String, List<String>> {

    private static final int CACHED_STRINGS = 32;
    private static final ThreadLocal<String[]> RECENT = ThreadLocal.withInitial(() -> new String[CACHED_STRINGS]);
    private static final ThreadLocal<int[]> NEXT_SLOT = ThreadLocal.withInitial(() -> new int[1]);

    private String[] names;
    private List<String>[] values;
    private int size;

    @SuppressWarnings("unchecked")
    public HeaderFields(int expected) {
        names = new String[Math.max(1, expected)];
        values = new List[names.length];
    }

    /** Adds a field; values of a repeated name (same spelling) are kept together, in order. */
    public void add(String name, String value) {
        if (name == null) {
            return;
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                List<String> all = new ArrayList<>(values[i]);
                all.add(value);
                values[i] = Collections.unmodifiableList(all);
                return;
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = Collections.singletonList(value);
        size++;
    }

    /**
     * {@code bytes[from, to)} read as ISO-8859-1 with surrounding white space trimmed; if {@code reuse}, as a string
     * made by a recent call of this thread when it had the same characters (pass false for secrets, which are
     * then not kept in the cache).
     */
    public static String latin1(byte[] bytes, int from, int to, boolean reuse) {
        while (from < to && (bytes[from] & 0xff) <= ' ') {
            from++;
        }
        while (to > from && (bytes[to - 1] & 0xff) <= ' ') {
            to--;
        }
        int length = to - from;
        if (!reuse) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        String[] recent = RECENT.get();
        for (String s : recent) {
            if (s != null && s.length() == length && sameChars(s, bytes, from)) {
                return s;
            }
        }
        String made = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        int[] next = NEXT_SLOT.get();
        recent[next[0]] = made;
        next[0] = (next[0] + 1) % CACHED_STRINGS;
        return made;
    }

    private static boolean sameChars(String s, byte[] bytes, int from) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != (char) (bytes[from + i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<String> get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        if (key instanceof String) {
            for (int i = 0; i < size; i++) {
                if (names[i].equalsIgnoreCase((String) key)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super List<String>> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, List<String>>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, List<String>> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
