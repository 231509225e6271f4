package io.httpsignals.bootstrap.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The future {@code sendAsync} hands the application instead of the client's own: it completes with the same
 * result, but only after the request's terminal signal was delivered (a response with a body ended already when the
 * client built it) (a body read as an {@code InputStream}
 * ends later, when the application reads it to the end or closes it). Otherwise the application could see its
 * response, finish and exit before a listener heard the end (a {@code whenComplete} registered by the agent runs
 * after the application's own waiters). Cancelling it cancels the client's future, as cancelling that would.
 */
public final class SignalledFuture<T> extends CompletableFuture<T> implements BiConsumer<T, Throwable> {

    private final CompletableFuture<T> source;
    private final Trace trace;

    private SignalledFuture(CompletableFuture<T> source, Trace trace) {
        this.source = source;
        this.trace = trace;
    }

    /** Wraps {@code source}; returns it unchanged when there is no trace. */
    public static <T> CompletableFuture<T> wrap(CompletableFuture<T> source, Trace trace) {
        if (trace == null || source == null) {
            return source;
        }
        SignalledFuture<T> signalled = new SignalledFuture<>(source, trace);
        source.whenComplete(signalled);
        return signalled;
    }

    @Override
    public void accept(T response, Throwable error) {
        try {
            if (error != null) {
                SignalBus.requestException(trace, JdkResponses.unwrap(error));
            } else if (response != null && !JdkHttpSignals.endsWithStream(trace) && !trace.isEnded()) {
                // usually ended already when the client built the response (see JdkHttpSignals.responseBuilt)
                SignalBus.requestEnd(trace, JdkResponses.statusCode(response));
            }
        } finally {
            if (error != null) {
                completeExceptionally(error);
            } else {
                complete(response);
            }
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = source.cancel(mayInterruptIfRunning);
        return super.cancel(mayInterruptIfRunning) || cancelled;
    }
}
