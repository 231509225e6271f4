package io.httpsignals.bootstrap;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.Signal;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which signals a listener wants. By default: those whose callback its class overrides, so a hook whose signal no
 * listener wants does no work. Wrappers (asynchronous dispatch) implement {@link Declared} to pass on the
 * interest of the listener they wrap.
 */
public final class SignalInterest {

    /** Implemented by listeners that state their interest rather than have it derived from overrides. */
    public interface Declared {
        Set<Signal> wantedSignals();

        /** Whether the listener reads the header maps of the header signals it wants (see {@link IgnoresHeaders}). */
        default boolean readsHeaders() {
            return true;
        }
    }

    /**
     * Implemented by listeners that want {@code request_headers_sent} or {@code response_headers_received} for
     * their time or status but never read their header maps: when no other listener of a request reads them, the
     * hooks do not build them, and such a listener gets an empty map.
     */
    public interface IgnoresHeaders {
    }

    private static final Map<Signal, String> CALLBACKS = Map.ofEntries(
            Map.entry(Signal.REQUEST_START, "onRequestStart"),
            Map.entry(Signal.CONNECTION_QUEUED_START, "onConnectionQueuedStart"),
            Map.entry(Signal.CONNECTION_QUEUED_END, "onConnectionQueuedEnd"),
            Map.entry(Signal.CONNECTION_REUSECONN, "onConnectionReused"),
            Map.entry(Signal.CONNECTION_CREATE_START, "onConnectionCreateStart"),
            Map.entry(Signal.CONNECTION_CREATE_END, "onConnectionCreateEnd"),
            Map.entry(Signal.DNS_RESOLVEHOST_START, "onDnsResolveHostStart"),
            Map.entry(Signal.DNS_RESOLVEHOST_END, "onDnsResolveHostEnd"),
            Map.entry(Signal.CONNECT_START, "onConnectStart"),
            Map.entry(Signal.CONNECT_END, "onConnectEnd"),
            Map.entry(Signal.TLS_HANDSHAKE_START, "onTlsHandshakeStart"),
            Map.entry(Signal.TLS_HANDSHAKE_END, "onTlsHandshakeEnd"),
            Map.entry(Signal.REQUEST_HEADERS_SENT, "onRequestHeadersSent"),
            Map.entry(Signal.REQUEST_CHUNK_SENT, "onRequestChunkSent"),
            Map.entry(Signal.RESPONSE_HEADERS_RECEIVED, "onResponseHeadersReceived"),
            Map.entry(Signal.RESPONSE_CHUNK_RECEIVED, "onResponseChunkReceived"),
            Map.entry(Signal.REQUEST_REDIRECT, "onRequestRedirect"),
            Map.entry(Signal.REQUEST_RETRY, "onRequestRetry"),
            Map.entry(Signal.CONNECTION_RELEASED, "onConnectionReleased"),
            Map.entry(Signal.REQUEST_END, "onRequestEnd"),
            Map.entry(Signal.REQUEST_EXCEPTION, "onRequestException"));

    private SignalInterest() {
    }

    public static Set<Signal> of(HttpSignalListener<?> listener) {
        if (listener instanceof Declared) {
            return EnumSet.copyOf(((Declared) listener).wantedSignals());
        }
        Set<Signal> wanted = EnumSet.noneOf(Signal.class);
        for (Signal signal : Signal.values()) {
            if (overrides(listener.getClass(), CALLBACKS.get(signal))) {
                wanted.add(signal);
            }
        }
        return wanted;
    }

    /** Whether {@code listener} reads the header maps of the header signals. */
    public static boolean readsHeaders(HttpSignalListener<?> listener) {
        if (listener instanceof IgnoresHeaders) {
            return false;
        }
        return !(listener instanceof Declared) || ((Declared) listener).readsHeaders();
    }

    private static boolean overrides(Class<?> type, String methodName) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(methodName) && !m.isBridge() && !m.isSynthetic()) {
                    return true;
                }
            }
        }
        // default methods inherited from sub-interfaces of HttpSignalListener also count as overrides
        for (Class<?> i : allInterfaces(type)) {
            if (i == HttpSignalListener.class) {
                continue;
            }
            for (Method m : i.getDeclaredMethods()) {
                if (m.getName().equals(methodName) && m.isDefault()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<Class<?>> allInterfaces(Class<?> type) {
        Set<Class<?>> result = new java.util.LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            collect(c.getInterfaces(), result);
        }
        return result;
    }

    private static void collect(Class<?>[] interfaces, Set<Class<?>> into) {
        for (Class<?> i : interfaces) {
            if (into.add(i)) {
                collect(i.getInterfaces(), into);
            }
        }
    }
}
