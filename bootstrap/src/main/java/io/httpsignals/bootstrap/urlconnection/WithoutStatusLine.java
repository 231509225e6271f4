package io.httpsignals.bootstrap.urlconnection;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A read-only view of the JDK's header map without the request or status line it keeps under the {@code null}
 * key: listeners get header fields only, and no copy of the map is made per request.
 */
final class WithoutStatusLine extends AbstractMap<String, List<String>> {

    private final Map<String, List<String>> headers;

    WithoutStatusLine(Map<String, List<String>> headers) {
        this.headers = headers;
    }

    @Override
    public List<String> get(Object key) {
        return key == null ? null : headers.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && headers.containsKey(key);
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, List<String>>> iterator() {
                Iterator<Entry<String, List<String>>> all = headers.entrySet().iterator();
                return new Iterator<>() {
                    private Entry<String, List<String>> next = advance();

                    private Entry<String, List<String>> advance() {
                        while (all.hasNext()) {
                            Entry<String, List<String>> e = all.next();
                            if (e.getKey() != null) {
                                return e;
                            }
                        }
                        return null;
                    }

                    @Override
                    public boolean hasNext() {
                        return next != null;
                    }

                    @Override
                    public Entry<String, List<String>> next() {
                        Entry<String, List<String>> e = next;
                        if (e == null) {
                            throw new NoSuchElementException();
                        }
                        next = advance();
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return headers.size() - 1;
            }
        };
    }
}
