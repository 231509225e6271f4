package io.httpsignals.bootstrap;

import io.httpsignals.api.Signal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Faults of one listener, wherever its callbacks run (the request's thread or an asynchronous dispatcher): the first
 * is printed, the rest only counted, so stderr cannot flood.
 */
public final class ListenerFaults {

    private static final ConcurrentMap<String, ListenerFaults> BY_NAME = new ConcurrentHashMap<>();

    private final String name;
    private final LongAdder count = new LongAdder();
    private final AtomicBoolean reported = new AtomicBoolean();

    private ListenerFaults(String name) {
        this.name = name;
    }

    public static ListenerFaults of(String listenerName) {
        return BY_NAME.computeIfAbsent(listenerName, ListenerFaults::new);
    }

    public void failed(Throwable error, Signal signal) {
        count.increment();
        if (reported.compareAndSet(false, true)) {
            AgentLog.warn("listener '" + name + "' threw " + error + " on " + signal.wireName()
                    + "; the application is unaffected; further errors of this listener are only counted");
        }
    }

    public long count() {
        return count.sum();
    }
}
