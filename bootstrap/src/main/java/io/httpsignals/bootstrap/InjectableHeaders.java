package io.httpsignals.bootstrap;

import io.httpsignals.api.RequestHeaders;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The request headers offered to listeners at request start: the application's headers (read-only) plus what
 * listeners add. The advice applies {@link #injected()} to the outgoing request.
 */
public final class InjectableHeaders implements RequestHeaders {

    // Headers the clients manage themselves; letting a listener set them would corrupt the exchange.
    private static final Set<String> FORBIDDEN = Set.of("host", "content-length", "transfer-encoding",
            "connection", "upgrade", "expect", "te", "keep-alive", "trailer");

    private final Map<String, List<String>> original;
    // made on the first header a listener adds: most requests get none, and this object is made for every request
    private Map<String, List<String>> injected = Map.of();
    // made on the first asMap(): only listeners that read all headers (log) ask for it
    private View view;

    public InjectableHeaders(Map<String, List<String>> original) {
        this.original = original == null ? Map.of() : original;
    }

    @Override
    public List<String> get(String name) {
        List<String> added = injected.get(name);
        if (added != null) {
            return Collections.unmodifiableList(added);
        }
        for (Map.Entry<String, List<String>> e : original.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    @Override
    public void add(String name, String value) {
        if (allowed(name, value)) {
            writable().computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
    }

    @Override
    public void set(String name, String value) {
        if (allowed(name, value)) {
            List<String> values = new ArrayList<>(1);
            values.add(value);
            writable().put(name, values);
        }
    }

    private Map<String, List<String>> writable() {
        if (!(injected instanceof TreeMap)) {
            injected = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        }
        return injected;
    }

    /**
     * A read-only view, not a copy (the {@code log} listener reads it for every request): the application's headers
     * in their order, except those a listener replaced, then what listeners added or replaced.
     */
    @Override
    public Map<String, List<String>> asMap() {
        if (view == null) {
            view = new View();
        }
        return view;
    }

    private final class View extends AbstractMap<String, List<String>> {

        @Override
        public List<String> get(Object key) {
            if (!(key instanceof String)) {
                return null;
            }
            List<String> values = InjectableHeaders.this.get((String) key);
            return values.isEmpty() ? null : values;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super List<String>> action) {
            if (injected.isEmpty()) {
                original.forEach(action);
                return;
            }
            original.forEach((name, values) -> {
                if (!injected.containsKey(name)) {
                    action.accept(name, values);
                }
            });
            injected.forEach((name, values) -> action.accept(name, Collections.unmodifiableList(values)));
        }

        @Override
        public Set<Entry<String, List<String>>> entrySet() {
            Map<String, List<String>> all = new LinkedHashMap<>();
            forEach(all::put);
            return Collections.unmodifiableMap(all).entrySet();
        }
    }

    /**
     * The application's headers as the hook passed them: what {@link #asMap()} shows while {@link #injected()} is
     * empty, without a view object (the {@code log} listener reads them for every request).
     */
    public Map<String, List<String>> original() {
        return original;
    }

    /** What listeners added or replaced; empty if nothing. Names map to the full list of values to send. */
    public Map<String, List<String>> injected() {
        return injected;
    }

    private static boolean allowed(String name, String value) {
        return name != null && value != null && !name.isEmpty()
                && !FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))
                && name.indexOf('\r') < 0 && name.indexOf('\n') < 0
                && value.indexOf('\r') < 0 && value.indexOf('\n') < 0;
    }
}
