package io.httpsignals.bootstrap;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.Signal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** One enabled listener inside a {@link Dispatch}: its name, its context slot, and its fault count. */
public final class ListenerSlot {

    final String name;
    final HttpSignalListener<Object> listener;
    final int index;
    private final LongAdder errors = new LongAdder();
    private final AtomicBoolean reported = new AtomicBoolean();

    @SuppressWarnings("unchecked")
    ListenerSlot(String name, HttpSignalListener<?> listener, int index) {
        this.name = name;
        this.listener = (HttpSignalListener<Object>) listener;
        this.index = index;
    }

    public String name() {
        return name;
    }

    public HttpSignalListener<?> listener() {
        return listener;
    }

    public long errors() {
        return errors.sum();
    }

    /** Counts a fault; the first one of each listener is printed, the rest only counted, so stderr cannot flood. */
    void failed(Throwable error, Signal signal) {
        errors.increment();
        if (reported.compareAndSet(false, true)) {
            AgentLog.warn("listener '" + name + "' threw " + error + " on " + signal.wireName()
                    + "; the application is unaffected; further errors of this listener are only counted");
        }
    }
}
