package io.httpsignals.bootstrap.jdkhttp;

import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.support.WeakIdentityMap;

/**
 * Which request a JDK client object belongs to. Keys are {@code MultiExchange} (one per logical request),
 * {@code HttpRequestImpl} (one per hop), and the per-hop objects hooks meet later ({@code Exchange},
 * {@code Http1Exchange}, {@code Http1Request}, {@code Stream}, response body subscribers, response input streams);
 * all held weakly. Advice compiled outside {@code jdk.internal.net.http} cannot read the package-private fields
 * linking these objects, so each is bound when a hook meets it next to an object already bound.
 *
 * <p>The trace reaches the {@code MultiExchange} through a per-thread hand-over: the {@code sendAsync} hook starts
 * the trace and the {@code Exchange} constructor, which {@code MultiExchange}'s constructor runs on the same thread,
 * binds it.
 */
public final class JdkHttpTraces {

    private static final ThreadLocal<Trace> STARTING = new ThreadLocal<>();
    private static final WeakIdentityMap<Object, Trace> BY_MULTI = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, Trace> BY_REQUEST = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, Trace> BY_OBJECT = new WeakIdentityMap<>();

    private JdkHttpTraces() {
    }

    /** Called by the {@code sendAsync} hook around the creation of the request's {@code MultiExchange}. */
    public static void starting(Trace trace) {
        // set, not remove: removing and setting again would allocate a thread-local entry per request
        STARTING.set(trace);
    }

    /** A new hop ({@code Exchange}) of {@code multi} for {@code request}: returns the request's trace, or null. */
    public static Trace bindHop(Object multi, Object request) {
        Trace trace = BY_MULTI.get(multi);
        if (trace == null) {
            trace = STARTING.get();
            if (trace == null) {
                return null;
            }
            STARTING.set(null);
            trace.attachment = new RequestState();
            BY_MULTI.put(multi, trace);
        }
        BY_REQUEST.put(request, trace);
        return trace;
    }

    public static Trace forMulti(Object multi) {
        return BY_MULTI.get(multi);
    }

    public static Trace forRequest(Object request) {
        return BY_REQUEST.get(request);
    }

    /** Remembers that the per-hop object {@code part} (exchange, stream, body subscriber...) serves {@code trace}. */
    public static void bind(Object part, Trace trace) {
        if (trace != null && part != null) {
            BY_OBJECT.put(part, trace);
        }
    }

    /** Binds {@code part} to the trace of {@code bound}, an object bound before; returns that trace or null. */
    public static Trace bindLike(Object part, Object bound) {
        Trace trace = BY_OBJECT.get(bound);
        bind(part, trace);
        return trace;
    }

    public static Trace of(Object part) {
        return BY_OBJECT.get(part);
    }

    public static Trace unbind(Object part) {
        return BY_OBJECT.remove(part);
    }

    static RequestState state(Trace trace) {
        Object attachment = trace.attachment;
        return attachment instanceof RequestState ? (RequestState) attachment : null;
    }
}
