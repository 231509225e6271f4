package io.httpsignals.it.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request as a test server received it. Header names are lower case (servers disagree on case, HTTP/2 is
 * lower case anyway); {@code query} is the raw query or {@code null}.
 */
public record RecordedRequest(String method, String path, String query, String protocol,
                              Map<String, List<String>> headers, long bodyLength) {

    public RecordedRequest {
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>())
                .addAll(v));
        lower.replaceAll((k, v) -> List.copyOf(v));
        headers = Collections.unmodifiableMap(lower);
    }

    /** First value of a header (any case), or {@code null}. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** All values of a header (any case). */
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The value of a query parameter (not URL-decoded beyond '+'/'%'), or {@code null}. */
    public String queryParam(String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** path plus query, as sent. */
    public String target() {
        return query == null ? path : path + "?" + query;
    }
}
