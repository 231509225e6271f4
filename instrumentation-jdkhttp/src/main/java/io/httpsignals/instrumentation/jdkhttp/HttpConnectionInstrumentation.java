package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.HttpConnection}: the static {@code getConnection(address, client, request, version)}
 * returns a pooled HTTP/1.1 connection or a new one (HTTP/1.1 and the TLS connection under a new HTTP/2
 * connection); {@code closeOrReturnToCache(headers)} ends an HTTP/1.1 response's use of its connection.
 */
public final class HttpConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.HttpConnection");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("getConnection").and(isStatic()).and(takesArguments(4)), GetConnectionAdvice.class);
        hooks.advise(named("closeOrReturnToCache").and(takesArguments(1)), ReleaseAdvice.class);
    }

    public static final class GetConnectionAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) InetSocketAddress address,
                                @Advice.Argument(3) HttpClient.Version version,
                                @Advice.Return Object connection) throws Throwable {
            if (!SignalBus.active() || connection == null) {
                return;
            }
            Trace trace = JdkHttpTraces.acquiring();
            if (trace == null) {
                return;
            }
            boolean open = false;
            if (JdkHttpSignals.knownIdOf(connection) == -1) {
                // first sight: new, or pooled before the agent was attached. connected() is package-private; this
                // code runs inside HttpConnection, whose own lookup may call it.
                MethodHandle connected = JdkHttpSignals.connectedProbe();
                if (connected == null) {
                    MethodHandles.Lookup lookup = MethodHandles.lookup();
                    connected = lookup.findVirtual(lookup.lookupClass(), "connected",
                            MethodType.methodType(boolean.class));
                    JdkHttpSignals.connectedProbe(connected);
                }
                open = (boolean) connected.invoke(connection);
            }
            JdkHttpSignals.connectionAcquired(trace, connection, address, version == HttpClient.Version.HTTP_2, open);
        }
    }

    public static final class ReleaseAdvice {
        /** The owner is read before the connection can go back to the pool, where another request may take it. */
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Trace enter(@Advice.This Object connection) {
            if (!SignalBus.active()) {
                return null;
            }
            return JdkHttpSignals.releasing(connection);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object connection, @Advice.Enter Trace owner) {
            if (owner != null) {
                JdkHttpSignals.http1ConnectionReleased(connection, owner);
            }
        }
    }
}
