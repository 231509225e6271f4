package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.api.ClientKind;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.jdkhttp.HeaderOverride;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.bootstrap.jdkhttp.SignalledFuture;
import net.bytebuddy.asm.Advice;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * request_start on entry, sending a copy of the request that carries the headers listeners injected (the
 * application's own request object is untouched; redirect hops copy the headers of the request they follow); the
 * trace is handed to the {@code MultiExchange} this call creates. The terminal signal: for {@code send} (which
 * passes no executor) when {@code send} returns or throws ({@link HttpClientImplInstrumentation.SendAdvice}); for
 * {@code sendAsync} when the client's future completes, before the application's future does. A body read as an
 * InputStream ends when it is read or closed.
 */
public final class SendAsyncAdvice {

    private SendAsyncAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Trace enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
        if (!SignalBus.active() || request == null) {
            return null;
        }
        Trace trace = SignalBus.requestStart(ClientKind.JDK_HTTPCLIENT, request.method(),
                String.valueOf(request.uri()), request.headers().map());
        Map<String, List<String>> injected = trace == null ? null : trace.injectedHeaders();
        if (injected != null) {
            HttpRequest.Builder copy = HttpRequest.newBuilder(request, new HeaderOverride(injected));
            for (Map.Entry<String, List<String>> header : injected.entrySet()) {
                for (String value : header.getValue()) {
                    copy.header(header.getKey(), value);
                }
            }
            request = copy.build();
        }
        JdkHttpTraces.starting(trace);
        return trace;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Trace trace,
                            @Advice.Argument(3) Executor executor,
                            @Advice.Return(readOnly = false) CompletableFuture<Object> future,
                            @Advice.Thrown Throwable thrown) {
        if (trace == null) {
            return;
        }
        JdkHttpTraces.starting(null);
        if (thrown != null) {
            SignalBus.requestException(trace, thrown);
        } else if (executor == null) {
            JdkHttpTraces.sending(trace);
        } else if (future != null) {
            future = SignalledFuture.wrap(future, trace);
        }
    }
}
