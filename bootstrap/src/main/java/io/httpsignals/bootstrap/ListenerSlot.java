package io.httpsignals.bootstrap;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.Signal;


/** One enabled listener inside a {@link Dispatch}: its name, its context slot, and its fault count. */
public final class ListenerSlot {

    final String name;
    final HttpSignalListener<Object> listener;
    final int index;
    private final ListenerFaults faults;

    @SuppressWarnings("unchecked")
    ListenerSlot(String name, HttpSignalListener<?> listener, int index) {
        this.name = name;
        this.listener = (HttpSignalListener<Object>) listener;
        this.index = index;
        this.faults = ListenerFaults.of(name);
    }

    public String name() {
        return name;
    }

    /** Faults of this listener since the agent started (also those of its asynchronous dispatch). */
    public long errors() {
        return faults.count();
    }

    void failed(Throwable error, Signal signal) {
        faults.failed(error, signal);
    }
}
