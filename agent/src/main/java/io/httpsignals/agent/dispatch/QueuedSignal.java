package io.httpsignals.agent.dispatch;

import io.httpsignals.api.Signal;

/**
 * One signal waiting in an {@link AsyncListener}'s queue: the signal, its request's state and the values of its
 * parameters in generic slots (one class for all signals keeps the queue simple and the allocation to one object).
 */
final class QueuedSignal {

    final Signal signal;
    final AsyncListener.RequestState request;
    final long timeNanos;
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

    QueuedSignal(Signal signal, AsyncListener.RequestState request, long timeNanos) {
        this.signal = signal;
        this.request = request;
        this.timeNanos = timeNanos;
    }
}
