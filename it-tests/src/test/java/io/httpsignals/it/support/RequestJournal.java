package io.httpsignals.it.support;

import java.util.ArrayList;
import java.util.List;

/** The thread-safe list of requests a server received; handlers append from many threads. */
final class RequestJournal {

    private final List<RecordedRequest> requests = new ArrayList<>();

    synchronized void add(RecordedRequest r) {
        requests.add(r);
    }

    synchronized List<RecordedRequest> snapshot() {
        return new ArrayList<>(requests);
    }

    synchronized void clear() {
        requests.clear();
    }
}
