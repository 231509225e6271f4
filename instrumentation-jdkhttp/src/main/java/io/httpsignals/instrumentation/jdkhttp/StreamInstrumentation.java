package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import jdk.internal.net.http.frame.DataFrame;
import jdk.internal.net.http.frame.HeaderFrame;
import jdk.internal.net.http.frame.Http2Frame;
import jdk.internal.net.http.frame.OutgoingHeaders;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.Stream} (one HTTP/2 request): its constructor binds it to its request and connection;
 * {@code headerFrame(long)} builds the HEADERS frame the stream sends, from the client's own and the application's
 * headers.
 */
public final class StreamInstrumentation implements TypeInstrumentation {

    private final boolean countDataFrames;

    /**
     * @param countDataFrames count response body chunks at DATA frame arrival: the fallback for JDKs without
     *                        {@code HttpBodySubscriberWrapper} (17 before about 17.0.17), where no hook sees HTTP/2
     *                        body delivery; off where the wrapper exists, so no chunk is counted twice
     */
    public StreamInstrumentation(boolean countDataFrames) {
        this.countDataFrames = countDataFrames;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Stream");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor().and(takesArguments(3)), NewStreamAdvice.class);
        hooks.advise(named("headerFrame").and(takesArguments(1)), HeaderFrameAdvice.class);
        if (countDataFrames) {
            hooks.advise(named("incoming").and(takesArguments(1)), DataFrameAdvice.class);
        }
    }

    /** {@code Stream(Http2Connection, Exchange, WindowController)}, also the stream an h2c upgrade continues on. */
    public static final class NewStreamAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object stream,
                                @Advice.Argument(0) Object http2,
                                @Advice.Argument(1) Object exchange) {
            if (SignalBus.active() && JdkHttpTraces.forExchange(exchange) != null) {
                JdkHttpSignals.http2StreamOpened(stream, http2);
            }
        }
    }

    public static final class HeaderFrameAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object stream,
                                @Advice.Return OutgoingHeaders<?> frame) {
            if (!SignalBus.active() || frame == null) {
                return;
            }
            Trace trace = JdkHttpTraces.forExchangeImpl(stream);
            if (trace != null) {
                JdkHttpSignals.http2HeadersSent(trace, frame.getSystemHeaders().map(), frame.getUserHeaders().map());
            }
        }
    }

    /** 17 before 17.0.17 only: DATA frames as they arrive, and END_STREAM as the stream's release. */
    public static final class DataFrameAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object stream, @Advice.Argument(0) Object frame) {
            if (!SignalBus.active() || !(frame instanceof DataFrame || frame instanceof HeaderFrame)) {
                return;
            }
            Trace trace = JdkHttpTraces.forExchangeImpl(stream);
            if (frame instanceof DataFrame) {
                int bytes = ((DataFrame) frame).getDataLength();
                if (bytes > 0) {
                    SignalBus.responseChunkReceived(trace, bytes);
                }
            }
            if (((Http2Frame) frame).getFlag(DataFrame.END_STREAM)) {
                JdkHttpSignals.http2StreamEnded(trace, stream);
            }
        }
    }
}
