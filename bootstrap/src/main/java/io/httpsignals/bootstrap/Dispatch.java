package io.httpsignals.bootstrap;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.Signal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * An immutable snapshot of the enabled listeners, indexed by signal. A request keeps the snapshot it started with,
 * so reconfiguring the agent never hands a request's later signals to a listener that did not see its start.
 */
public final class Dispatch {

    static final Dispatch EMPTY = new Dispatch(new LinkedHashMap<>());

    final ListenerSlot[] slots;
    final ListenerSlot[][] bySignal;
    /** Per signal: whether a listener wants its costly fields (for the header signals: reads the header maps). */
    final boolean[] fieldsWanted;
    volatile boolean closed;
    /** Requests of this snapshot that started and have not ended, so a retirement can let them finish. */
    final LongAdder inFlight = new LongAdder();

    Dispatch(Map<String, HttpSignalListener<?>> listeners) {
        List<ListenerSlot> all = new ArrayList<>();
        for (Map.Entry<String, HttpSignalListener<?>> e : listeners.entrySet()) {
            all.add(new ListenerSlot(e.getKey(), e.getValue(), all.size()));
        }
        this.slots = all.toArray(new ListenerSlot[0]);
        Signal[] signals = Signal.values();
        this.bySignal = new ListenerSlot[signals.length][];
        List<Set<Signal>> interests = new ArrayList<>();
        for (ListenerSlot slot : slots) {
            interests.add(SignalInterest.of(slot.listener));
        }
        for (Signal signal : signals) {
            List<ListenerSlot> wanting = new ArrayList<>();
            for (int i = 0; i < slots.length; i++) {
                if (interests.get(i).contains(signal)) {
                    wanting.add(slots[i]);
                }
            }
            bySignal[signal.ordinal()] = wanting.toArray(new ListenerSlot[0]);
        }
        this.fieldsWanted = new boolean[signals.length];
        for (Signal signal : signals) {
            boolean headerSignal = signal == Signal.REQUEST_HEADERS_SENT || signal == Signal.RESPONSE_HEADERS_RECEIVED;
            for (ListenerSlot slot : bySignal[signal.ordinal()]) {
                if (!headerSignal || SignalInterest.readsHeaders(slot.listener)) {
                    fieldsWanted[signal.ordinal()] = true;
                }
            }
        }
    }

    public ListenerSlot[] slots() {
        return slots.clone();
    }
}
