package io.httpsignals.bootstrap.jdkhttp;

import io.httpsignals.bootstrap.AgentLog;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.support.WeakIdentityMap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Which request a JDK client object belongs to. Only the {@code MultiExchange} (one per logical request) is bound;
 * every per-hop object a later hook meets ({@code Exchange},
 * {@code Http1Exchange}, {@code Stream}, {@code Http1Request}, response body subscribers) is walked to its
 * {@code MultiExchange} through the client's own fields ({@code ExchangeImpl.exchange}, {@code Exchange.multi}...),
 * read with getters looked up once with a lookup from inside {@code jdk.internal.net.http} (package-private fields
 * are out of reach of the bootstrap loader otherwise). A binding costs an entry per object and request; a walk costs
 * nothing. A response input stream, which no field leads from, is bound in a map, held weakly.
 *
 * <p>The trace reaches the {@code MultiExchange} through a per-thread hand-over: the {@code send}/{@code sendAsync}
 * hook starts the trace and the {@code Exchange} constructor, which {@code MultiExchange}'s constructor runs on the
 * same thread, binds it. The same kind of hand-over gives the hop to the hooks inside the connection look-up
 * ({@code HttpRequestImpl.getAddress}, {@code HttpConnection.getConnection}), which see only the hop's request.
 */
public final class JdkHttpTraces {

    private static final ThreadLocal<Trace> STARTING = new ThreadLocal<>();
    /** The request a synchronous {@code send} on this thread is waiting for, for its exit hook to end. */
    private static final ThreadLocal<Trace> SENDING = new ThreadLocal<>();
    private static final WeakIdentityMap<Object, Trace> BY_MULTI = new WeakIdentityMap<>();
    /** The hop whose connection this thread is looking up (see {@link #enterAcquiring}). */
    private static final ThreadLocal<Trace> ACQUIRING = new ThreadLocal<>();
    private static final Object NO_TRACE = new Object();
    /** The request whose response body this thread is handing to its subscriber (17 before 17.0.17 only). */
    private static final ThreadLocal<Trace> DELIVERING = new ThreadLocal<>();
    private static final WeakIdentityMap<Object, Trace> BY_OBJECT = new WeakIdentityMap<>();

    /** A lookup with access to {@code jdk.internal.net.http}, handed over by the first {@code Exchange} hook. */
    private static volatile MethodHandles.Lookup packageLookup;
    /** Whether {@link Links} was initialised from {@link #packageLookup} (its getters are then usable). */
    private static volatile boolean linked;
    /** Set once {@link #link} has finished (whether or not the getters could be made). */
    private static volatile boolean linkDone;

    private JdkHttpTraces() {
    }

    /** Called by the {@code sendAsync} hook around the creation of the request's {@code MultiExchange}. */
    public static void starting(Trace trace) {
        // set, not remove: removing and setting again would allocate a thread-local entry per request
        STARTING.set(trace);
    }

    /**
     * {@code sendAsync} was called by {@code send}, which waits for the response on this thread: the request ends
     * when {@code send} returns or throws (see {@link #takeSending()}), so its future needs no wrapper.
     */
    public static void sending(Trace trace) {
        SENDING.set(trace);
    }

    /** The request the {@code send} returning on this thread waited for (forgotten now), or null. */
    public static Trace takeSending() {
        Trace trace = SENDING.get();
        if (trace != null) {
            SENDING.set(null);
        }
        return trace;
    }

    /**
     * Whether {@link #link} has finished; until then the {@code Exchange} hook hands over a lookup. Not merely whether
     * a lookup was handed over: the first requests of a busy JVM race here, and one that went on while another
     * thread was still making the getters found no request in its later hooks.
     */
    public static boolean linked() {
        return linkDone;
    }

    /**
     * {@code lookup} is a full-privilege lookup of a {@code jdk.internal.net.http} class (taken by advice inlined
     * there); the getters are made from it once. A field some JDK lacks leaves its getter out (one stderr line): the
     * signals that need it are then missing, the application is not affected.
     */
    public static synchronized void link(MethodHandles.Lookup lookup) {
        if (packageLookup != null || lookup == null) {
            return;
        }
        packageLookup = lookup;
        try {
            linked = Links.EXCHANGE_MULTI != null && Links.IMPL_EXCHANGE != null;
        } finally {
            linkDone = true;
        }
    }

    /** A new hop ({@code Exchange}) of {@code multi}: returns the request's trace, or null. */
    public static Trace bindHop(Object multi) {
        Trace trace = BY_MULTI.get(multi);
        if (trace == null) {
            trace = STARTING.get();
            if (trace == null) {
                return null;
            }
            STARTING.set(null);
            BY_MULTI.put(multi, trace);
        }
        return trace;
    }

    public static Trace forMulti(Object multi) {
        return BY_MULTI.get(multi);
    }

    /**
     * Enter of the methods that look up a hop's connection ({@code Http1Exchange}'s constructor,
     * {@code Http2ClientImpl.getConnectionFor}): until {@link #exitAcquiring} the hop of {@code exchange} is this
     * thread's. Returns what to restore.
     */
    public static Object enterAcquiring(Object exchange) {
        return handOver(ACQUIRING, forExchange(exchange));
    }

    public static void exitAcquiring(Object token) {
        restore(ACQUIRING, token);
    }

    /**
     * Enter of {@code Http1Response$BodyReader.handle} (17 before 17.0.17): until {@link #exitBodyDelivery} the
     * pieces of body the subscriber gets on this thread are {@code http1Response}'s request's. Returns what to restore.
     */
    public static Object enterBodyDelivery(Object http1Response) {
        Trace trace = null;
        if (linked && http1Response != null) {
            try {
                trace = forExchangeImpl((Object) Links.HTTP1_RESPONSE_EXCHANGE.invokeExact(http1Response));
            } catch (Throwable e) {
                trace = null;
            }
        }
        return handOver(DELIVERING, trace);
    }

    public static void exitBodyDelivery(Object token) {
        restore(DELIVERING, token);
    }

    /**
     * Makes {@code trace} the thread's value of {@code slot} and returns what {@link #restore} puts back (never
     * null, so an advice can keep it as its only state). A thread that had none and gets none is left untouched.
     */
    private static Object handOver(ThreadLocal<Trace> slot, Trace trace) {
        Trace previous = slot.get();
        if (trace != null || previous != null) {
            slot.set(trace);
        }
        return previous == null ? NO_TRACE : previous;
    }

    private static void restore(ThreadLocal<Trace> slot, Object token) {
        if (token instanceof Trace) {
            slot.set((Trace) token);
        } else if (token == NO_TRACE && slot.get() != null) {
            slot.set(null);
        }
    }

    /** The request whose response body this thread is delivering, or null. */
    public static Trace bodyDelivery() {
        return DELIVERING.get();
    }

    /** The hop whose connection this thread is looking up, or null. */
    public static Trace acquiring() {
        return ACQUIRING.get();
    }

    /** The trace of an {@code Exchange} (a hop), through its {@code multi}. */
    public static Trace forExchange(Object exchange) {
        if (!linked || exchange == null) {
            return null;
        }
        try {
            return BY_MULTI.get((Object) Links.EXCHANGE_MULTI.invokeExact(exchange));
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * The trace of {@code exchange} if it is its request's current hop; null for any other exchange, such as one
     * for an HTTP/2 server push (which shares the {@code MultiExchange} of the request it came with).
     */
    public static Trace forCurrentExchange(Object exchange) {
        if (!linked || exchange == null) {
            return null;
        }
        try {
            Object multi = (Object) Links.EXCHANGE_MULTI.invokeExact(exchange);
            Trace trace = BY_MULTI.get(multi);
            return trace != null && (Object) Links.MULTI_EXCHANGE.invokeExact(multi) == exchange ? trace : null;
        } catch (Throwable e) {
            return null;
        }
    }

    /** The trace of an {@code ExchangeImpl} ({@code Http1Exchange}, HTTP/2 {@code Stream}), through its exchange. */
    public static Trace forExchangeImpl(Object impl) {
        if (!linked || impl == null || !Links.EXCHANGE_IMPL.isInstance(impl)) {
            return null;
        }
        try {
            return forExchange((Object) Links.IMPL_EXCHANGE.invokeExact(impl));
        } catch (Throwable e) {
            return null;
        }
    }

    /** The trace of the object a request body subscriber belongs to: an {@code Http1Request} or a {@code Stream}. */
    public static Trace forRequestBodyOwner(Object owner) {
        if (!linked || owner == null) {
            return null;
        }
        if (owner.getClass() == Links.HTTP1_REQUEST) {
            try {
                return forExchangeImpl((Object) Links.HTTP1_REQUEST_EXCHANGE.invokeExact(owner));
            } catch (Throwable e) {
                return null;
            }
        }
        return forExchangeImpl(owner);
    }

    /**
     * The trace of a response body subscriber: the client's own wrappers (25, 17.0.17+) lead to their exchange; null
     * for any other.
     */
    public static Trace forBodySubscriber(Object subscriber) {
        if (!linked || subscriber == null) {
            return null;
        }
        Class<?> type = subscriber.getClass();
        try {
            if (type == Links.HTTP1_SUBSCRIBER) {
                return forExchangeImpl((Object) Links.HTTP1_SUBSCRIBER_EXCHANGE.invokeExact(subscriber));
            }
            if (type == Links.HTTP2_SUBSCRIBER) {
                return forExchangeImpl((Object) Links.HTTP2_SUBSCRIBER_STREAM.invokeExact(subscriber));
            }
        } catch (Throwable e) {
            return null;
        }
        return null;
    }

    /** The HTTP/2 {@code Stream} whose response body {@code subscriber} receives, or null for any other. */
    public static Object http2StreamOf(Object subscriber) {
        if (!linked || subscriber == null || subscriber.getClass() != Links.HTTP2_SUBSCRIBER) {
            return null;
        }
        try {
            return (Object) Links.HTTP2_SUBSCRIBER_STREAM.invokeExact(subscriber);
        } catch (Throwable e) {
            return null;
        }
    }

    /** Remembers that {@code part} (a response input stream, which no field leads from) serves {@code trace}. */
    public static void bind(Object part, Trace trace) {
        if (trace != null && part != null) {
            BY_OBJECT.put(part, trace);
        }
    }

    public static Trace of(Object part) {
        return BY_OBJECT.get(part);
    }

    public static Trace unbind(Object part) {
        return BY_OBJECT.remove(part);
    }

    /** The request's hook state, or null if no hook needed any (most requests). */
    static RequestState state(Trace trace) {
        Object attachment = trace == null ? null : trace.attachment;
        return attachment instanceof RequestState ? (RequestState) attachment : null;
    }

    /** The request's hook state, made on first need: only redirects, host lookups and stream bodies need one. */
    static RequestState stateFor(Trace trace) {
        RequestState state = state(trace);
        if (state != null) {
            return state;
        }
        synchronized (trace) {
            state = state(trace);
            if (state == null) {
                state = new RequestState();
                trace.attachment = state;
            }
            return state;
        }
    }

    /**
     * The getters, made when this class is first used (after {@link #link} stored the lookup), kept in static
     * finals so the JIT folds them to plain field loads. A missing field leaves its getter null: lookups that
     * need it fail (caught) and find no trace.
     */
    private static final class Links {
        private static final MethodType OBJECT_TO_OBJECT = MethodType.methodType(Object.class, Object.class);

        static final Class<?> EXCHANGE_IMPL = type("jdk.internal.net.http.ExchangeImpl");
        static final Class<?> HTTP1_REQUEST = type("jdk.internal.net.http.Http1Request");
        static final Class<?> HTTP1_SUBSCRIBER = optionalType("jdk.internal.net.http.Http1Exchange$Http1ResponseBodySubscriber");
        static final Class<?> HTTP2_SUBSCRIBER = optionalType("jdk.internal.net.http.Stream$Http2StreamResponseSubscriber");
        static final MethodHandle EXCHANGE_MULTI = getter(type("jdk.internal.net.http.Exchange"), "multi");
        static final MethodHandle MULTI_EXCHANGE = getter(type("jdk.internal.net.http.MultiExchange"), "exchange");
        static final MethodHandle IMPL_EXCHANGE = getter(EXCHANGE_IMPL, "exchange");
        static final MethodHandle HTTP1_REQUEST_EXCHANGE = getter(HTTP1_REQUEST, "http1Exchange");
        static final MethodHandle HTTP1_SUBSCRIBER_EXCHANGE = getter(HTTP1_SUBSCRIBER, "exchange");
        static final MethodHandle HTTP2_SUBSCRIBER_STREAM = getter(HTTP2_SUBSCRIBER, "this$0");
        static final MethodHandle HTTP1_RESPONSE_EXCHANGE = HTTP1_SUBSCRIBER != null ? null
                : getter(optionalType("jdk.internal.net.http.Http1Response"), "exchange");

        private static Class<?> type(String name) {
            Class<?> type = optionalType(name);
            if (type == null) {
                AgentLog.warn("jdk-httpclient: " + name + " is not in this JDK (" + Runtime.version()
                        + "): the hooks that need it find no request");
            }
            return type;
        }

        private static Class<?> optionalType(String name) {
            try {
                return packageLookup.findClass(name);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        private static MethodHandle getter(Class<?> owner, String name) {
            if (owner == null) {
                return null;
            }
            try {
                // a lookup in the field's own class also reaches private fields (Http1Request.http1Exchange)
                Field field = owner.getDeclaredField(name);
                return MethodHandles.privateLookupIn(owner, packageLookup).unreflectGetter(field)
                        .asType(OBJECT_TO_OBJECT);
            } catch (ReflectiveOperationException | RuntimeException e) {
                AgentLog.warn("jdk-httpclient: " + owner.getName() + "." + name + " is not in this JDK ("
                        + Runtime.version() + "): the hooks that need it find no request");
                return null;
            }
        }
    }
}
