package io.httpsignals.it.support;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/** A loopback test server answering {@link Routes}; it records every request it received. */
public interface TestServer extends AutoCloseable {

    /** "http" or "https". */
    String scheme();

    int port();

    /** {@code scheme://127.0.0.1:port} + {@code pathAndQuery}. */
    default URI uri(String pathAndQuery) {
        return uri("127.0.0.1", pathAndQuery);
    }

    /** With another host name, e.g. {@code localhost} to make the client resolve a name. */
    default URI uri(String host, String pathAndQuery) {
        return URI.create(scheme() + "://" + host + ":" + port() + pathAndQuery);
    }

    /** Every request received so far, in arrival order (a copy). */
    List<RecordedRequest> requests();

    void clearRequests();

    /** Requests to exactly this path (without query). */
    default List<RecordedRequest> requestsTo(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).collect(Collectors.toList());
    }

    /** The last request received; fails if there is none. */
    default RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the server received no request");
        }
        return all.get(all.size() - 1);
    }

    @Override
    void close();
}
