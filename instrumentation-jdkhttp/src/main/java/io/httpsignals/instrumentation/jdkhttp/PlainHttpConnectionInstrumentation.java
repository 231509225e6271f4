package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.Addresses;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.jdkhttp.ConnectCompletion;
import io.httpsignals.bootstrap.jdkhttp.ConnectionReady;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.PlainHttpConnection}: {@code connectAsync(Exchange)} is the TCP connect (also the
 * one under a TLS connection; entered again once when the client retries a refused connect, after
 * {@code canRetryConnect(Throwable)} approved retrying the failure it swallows);
 * {@code finishConnect()} completes a plain connection's set-up.
 */
public final class PlainHttpConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.PlainHttpConnection");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("connectAsync").and(takesArguments(1)), ConnectAdvice.class);
        hooks.advise(named("finishConnect").and(takesArguments(0)), FinishConnectAdvice.class);
        hooks.advise(named("canRetryConnect").and(takesArguments(1)), RetryConnectAdvice.class);
    }

    public static final class ConnectAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Trace enter(@Advice.This Object connection, @Advice.Argument(0) Object exchange,
                                  @Advice.FieldValue("address") InetSocketAddress address) {
            if (!SignalBus.active()) {
                return null;
            }
            Trace trace = JdkHttpTraces.forExchange(exchange);
            String formatted = Addresses.format(address);
            Throwable previousAttempt = JdkHttpSignals.retriedConnectFailure(connection);
            if (previousAttempt != null) {
                SignalBus.connectEnd(trace, formatted, previousAttempt);
            }
            SignalBus.connectStart(trace, formatted);
            return trace;
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Enter Trace trace,
                                @Advice.FieldValue("address") InetSocketAddress address,
                                @Advice.Return CompletableFuture<?> connected) {
            if (trace != null && connected != null) {
                connected.whenComplete(new ConnectCompletion(trace, address));
            }
        }
    }

    /** The connection swallows a refused connect it will try again: its error would otherwise be lost. */
    public static final class RetryConnectAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object connection, @Advice.Argument(0) Throwable failure,
                                @Advice.Return boolean retry) {
            if (retry && SignalBus.active()) {
                JdkHttpSignals.connectWillBeRetried(connection, failure);
            }
        }
    }

    public static final class FinishConnectAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object connection,
                                @Advice.FieldValue("address") InetSocketAddress address,
                                @Advice.Return CompletableFuture<?> ready) {
            if (!SignalBus.active() || ready == null) {
                return;
            }
            Trace trace = JdkHttpSignals.connectingFor(connection);
            if (trace != null) {
                ready.whenComplete(new ConnectionReady(trace, JdkHttpSignals.knownIdOf(connection), address, null));
            }
        }
    }
}
