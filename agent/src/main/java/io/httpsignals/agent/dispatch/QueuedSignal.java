package io.httpsignals.agent.dispatch;

import io.httpsignals.api.Signal;

/**
 * One signal in an {@link AsyncListener}'s queue: the signal, its request's state and the values of its parameters
 * in generic slots. A request thread fills its own (thread-local) one and the queue copies it into a reused slot,
 * so queueing a signal allocates nothing while the queue stays shallow.
 */
final class QueuedSignal {

    Signal signal;
    AsyncListener.RequestState request;
    long timeNanos;
    Object o1;
    Object o2;
    Object o3;
    Object o4;
    long l1;
    long l2;
    int i1;
    int i2;
    int i3;
    boolean flag;

    QueuedSignal set(Signal signal, AsyncListener.RequestState request, long timeNanos) {
        this.signal = signal;
        this.request = request;
        this.timeNanos = timeNanos;
        return this;
    }

    void copyFrom(QueuedSignal q) {
        signal = q.signal;
        request = q.request;
        timeNanos = q.timeNanos;
        o1 = q.o1;
        o2 = q.o2;
        o3 = q.o3;
        o4 = q.o4;
        l1 = q.l1;
        l2 = q.l2;
        i1 = q.i1;
        i2 = q.i2;
        i3 = q.i3;
        flag = q.flag;
    }

    /** Drops the references, so a reused slot keeps no request (nor its headers) alive. */
    void clear() {
        signal = null;
        request = null;
        o1 = null;
        o2 = null;
        o3 = null;
        o4 = null;
        l1 = 0;
        l2 = 0;
        i1 = 0;
        i2 = 0;
        i3 = 0;
        flag = false;
    }
}
