package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.nio.ByteBuffer;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Response body chunks as the client hands them to the body subscriber, de-chunked. Where
 * {@code jdk.internal.net.http.common.HttpBodySubscriberWrapper} exists (25, 17.0.17+) its {@code onNext(List)} sees
 * HTTP/1.1 and HTTP/2 alike, and its two subclasses lead to their exchange through their own fields. Older 17 updates have
 * {@code Http1Response$Http1BodySubscriber} instead (HTTP/1.1; HTTP/2 falls back to DATA frames, see
 * {@link StreamInstrumentation}); the body reader that drives it hands over the request for each delivery.
 */
public final class ResponseBodyInstrumentation {

    private ResponseBodyInstrumentation() {
    }

    /** The common {@code onNext(List<ByteBuffer>)} hook of a body subscriber bound to its request. */
    public static final class Chunks implements TypeInstrumentation {
        private final String typeName;

        public Chunks(String typeName) {
            this.typeName = typeName;
        }

        @Override
        public ElementMatcher<TypeDescription> typeMatcher() {
            return named(typeName);
        }

        @Override
        public void hooks(Hooks hooks) {
            boolean wrapper = "jdk.internal.net.http.common.HttpBodySubscriberWrapper".equals(typeName);
            hooks.advise(named("onNext").and(takesArguments(1)).and(takesArgument(0, List.class)),
                    wrapper ? WrapperChunkAdvice.class : UserSubscriberChunkAdvice.class);
            if (wrapper) {
                hooks.advise(named("onComplete").and(takesArguments(0)), WrapperCompleteAdvice.class);
            }
        }
    }

    /**
     * 17 before 17.0.17: {@code Http1Response$BodyReader.handle(buffer, parser, cf)}, the only caller of the body
     * parser, which hands the de-chunked pieces to the subscriber on the same thread: the request is this thread's
     * for the call (nothing leads from that subscriber to its request).
     */
    public static final class Http1BodyReader implements TypeInstrumentation {
        @Override
        public ElementMatcher<TypeDescription> typeMatcher() {
            return named("jdk.internal.net.http.Http1Response$BodyReader");
        }

        @Override
        public void hooks(Hooks hooks) {
            hooks.advise(named("handle").and(takesArguments(3)), BodyReaderAdvice.class);
        }
    }

    public static final class WrapperChunkAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object subscriber, @Advice.Argument(0) List<ByteBuffer> chunk) {
            if (!SignalBus.active() || chunk == null) {
                return;
            }
            long bytes = 0;
            for (int i = 0; i < chunk.size(); i++) {
                bytes += chunk.get(i).remaining();
            }
            if (bytes > 0) {
                SignalBus.responseChunkReceived(JdkHttpTraces.forBodySubscriber(subscriber), bytes);
            }
        }
    }

    /** The body is complete: for HTTP/2 the stream has ended (released before the request can end). */
    public static final class WrapperCompleteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object subscriber) {
            if (SignalBus.active()) {
                JdkHttpSignals.bodyCompleting(subscriber);
            }
        }
    }

    public static final class UserSubscriberChunkAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) List<ByteBuffer> chunk) {
            if (!SignalBus.active() || chunk == null) {
                return;
            }
            long bytes = 0;
            for (int i = 0; i < chunk.size(); i++) {
                bytes += chunk.get(i).remaining();
            }
            if (bytes > 0) {
                SignalBus.responseChunkReceived(JdkHttpTraces.bodyDelivery(), bytes);
            }
        }
    }

    public static final class BodyReaderAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.FieldValue("this$0") Object response) {
            return SignalBus.active() ? JdkHttpTraces.enterBodyDelivery(response) : null;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object delivering) {
            if (delivering != null) {
                JdkHttpTraces.exitBodyDelivery(delivering);
            }
        }
    }
}
