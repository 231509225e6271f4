package io.httpsignals.bootstrap.support;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The header fields of a message head a hook parsed from raw bytes, as the read-only, ordered
 * {@code Map<String, List<String>>} listeners get: one array of names and values instead of a hash map with a node
 * and a list per header. A name's values become a {@code List} only when a listener asks for one: the built-in
 * outputs read them through {@link #name}, {@link #valueCount} and {@link #value}, which make nothing. Names and
 * values that repeat from one request to the next (they mostly do) are the same {@code String} objects: a small
 * per-thread cache of the last ones made saves a string per field. Lookups compare names ignoring case, as HTTP
 * does. It implements {@code Map} itself rather than extending {@code AbstractMap}, whose two cached-view fields
 * would grow every instance by 8 bytes; it is made up to three times per request.
 */
public final class HeaderFields implements Map<String, List<String>> {

    private static final int CACHED_STRINGS = 32;
    private static final ThreadLocal<String[]> RECENT = ThreadLocal.withInitial(() -> new String[CACHED_STRINGS]);
    private static final ThreadLocal<int[]> NEXT_SLOT = ThreadLocal.withInitial(() -> new int[1]);
    // hooks pass generous hints; most heads have fewer fields, and the array doubles when they do not
    private static final int MAX_INITIAL_FIELDS = 6;

    private static final Object[] NONE = {};

    // name, then value: a String (one value, maybe null) or an unmodifiable List<String> (a repeated name); made on
    // the first field, so a message without any (a request the application added no header to) costs no array
    private Object[] fields = NONE;
    private int size;
    private final int expected;

    /** {@code expected}: how many fields there may be (a hint). */
    public HeaderFields(int expected) {
        this.expected = Math.max(1, Math.min(expected, MAX_INITIAL_FIELDS));
    }

    /** Adds a field; values of a repeated name (same spelling) are kept together, in order. */
    public void add(String name, String value) {
        if (name == null) {
            return;
        }
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equals(name)) {
                List<String> all = new ArrayList<>(values(i));
                all.add(value);
                fields[2 * i + 1] = Collections.unmodifiableList(all);
                return;
            }
        }
        if (2 * size == fields.length) {
            fields = Arrays.copyOf(fields, size == 0 ? 2 * expected : 4 * size);
        }
        fields[2 * size] = name;
        fields[2 * size + 1] = value;
        size++;
    }

    /** The name of field {@code i} ({@code 0 <= i < size()}), as first spelled. */
    public String name(int i) {
        checkIndex(i);
        return (String) fields[2 * i];
    }

    /** How many values field {@code i} has (one, unless its name was repeated). */
    public int valueCount(int i) {
        checkIndex(i);
        Object v = fields[2 * i + 1];
        return v instanceof List ? ((List<?>) v).size() : 1;
    }

    /** Value {@code j} of field {@code i}. */
    @SuppressWarnings("unchecked")
    public String value(int i, int j) {
        checkIndex(i);
        Object v = fields[2 * i + 1];
        if (v instanceof List) {
            return ((List<String>) v).get(j);
        }
        if (j != 0) {
            throw new IndexOutOfBoundsException(j);
        }
        return (String) v;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> values(int i) {
        Object v = fields[2 * i + 1];
        return v instanceof List ? (List<String>) v : Collections.singletonList((String) v);
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
        return i < 0 ? null : values(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        if (key instanceof String) {
            for (int i = 0; i < size; i++) {
                if (((String) fields[2 * i]).equalsIgnoreCase((String) key)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super List<String>> action) {
        for (int i = 0; i < size; i++) {
            action.accept((String) fields[2 * i], values(i));
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
                        return new AbstractMap.SimpleImmutableEntry<>((String) fields[2 * i], values(i));
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    // The rest of Map as AbstractMap has it, through a view made per call: listeners rarely ask for these.
    private Map<String, List<String>> view() {
        return new AbstractMap<>() {
            @Override
            public Set<Entry<String, List<String>>> entrySet() {
                return HeaderFields.this.entrySet();
            }

            @Override
            public List<String> get(Object key) {
                return HeaderFields.this.get(key);
            }

            @Override
            public boolean containsKey(Object key) {
                return HeaderFields.this.containsKey(key);
            }
        };
    }

    @Override
    public boolean containsValue(Object value) {
        return view().containsValue(value);
    }

    @Override
    public Set<String> keySet() {
        return view().keySet();
    }

    @Override
    public Collection<List<String>> values() {
        return view().values();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || view().equals(o);
    }

    @Override
    public int hashCode() {
        return view().hashCode();
    }

    @Override
    public String toString() {
        return view().toString();
    }

    @Override
    public List<String> put(String key, List<String> value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> remove(Object key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void putAll(Map<? extends String, ? extends List<String>> m) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }
}
