package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.nio.ByteBuffer;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The subscribers that take the request body from its {@code BodyPublisher}: {@code Http1Request$StreamSubscriber}
 * (chunked), {@code Http1Request$FixedContentSubscriber} (known length) and {@code Stream$RequestSubscriber}
 * (HTTP/2). Each {@code onNext(ByteBuffer)} is a chunk; the outer object ({@code this$0}) names the request.
 */
public final class RequestBodyInstrumentation implements TypeInstrumentation {

    private final String typeName;

    public RequestBodyInstrumentation(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(typeName);
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("onNext").and(takesArguments(1)).and(takesArgument(0, ByteBuffer.class)),
                ChunkAdvice.class);
    }

    public static final class ChunkAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.FieldValue("this$0") Object outer, @Advice.Argument(0) ByteBuffer chunk) {
            if (SignalBus.active() && chunk != null && chunk.hasRemaining()) {
                SignalBus.requestChunkSent(JdkHttpTraces.forRequestBodyOwner(outer), chunk.remaining());
            }
        }
    }
}
