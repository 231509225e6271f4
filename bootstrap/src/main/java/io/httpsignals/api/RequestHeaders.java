package io.httpsignals.api;

import java.util.List;
import java.util.Map;

/**
 * The headers of a request at {@code request_start}. Listeners may add headers here (for example trace
 * propagation headers); the agent sends them with the request, on every hop, without changing the
 * application's own request object. Header names are compared case-insensitively.
 */
public interface RequestHeaders {

    /** The values of the named header, or an empty list. */
    List<String> get(String name);

    /** Adds a value to the named header. Headers that the client forbids (e.g. {@code Host}) are ignored. */
    void add(String name, String value);

    /** Replaces all values of the named header with one value. */
    void set(String name, String value);

    /** A read-only view of all headers: name to values. */
    Map<String, List<String>> asMap();
}
