package io.httpsignals.it.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a route answers, independent of the server implementation. {@code chunked} asks for a body without
 * Content-Length (chunked transfer encoding on HTTP/1.1, several DATA frames on HTTP/2).
 */
record Reply(int status, Map<String, List<String>> headers, byte[] body, boolean chunked) {

    static Reply text(int status, String body) {
        return new Reply(status, new LinkedHashMap<>(), body.getBytes(StandardCharsets.UTF_8), false)
                .header("Content-Type", "text/plain; charset=utf-8");
    }

    static Reply json(int status, String body) {
        return new Reply(status, new LinkedHashMap<>(), body.getBytes(StandardCharsets.UTF_8), false)
                .header("Content-Type", "application/json");
    }

    static Reply empty(int status) {
        return new Reply(status, new LinkedHashMap<>(), new byte[0], false);
    }

    Reply header(String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** 1xx, 204 and 304 carry no body, whatever the route produced. */
    boolean mayHaveBody() {
        return status >= 200 && status != 204 && status != 304;
    }
}
