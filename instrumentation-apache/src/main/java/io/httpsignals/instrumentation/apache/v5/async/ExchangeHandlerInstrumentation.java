package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The exchange handler {@code HttpAsyncMainClientExec} creates per hop (an anonymous class, {@code $1} in 5.2 to
 * 5.6): it captures the hop's request and the exec runtime, and sees the request go out and the response come in.
 */
public final class ExchangeHandlerInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.client5.http.impl.async.HttpAsyncMainClientExec$1");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("produceRequest").and(takesArguments(2)), ProduceRequestAdvice.class);
        hooks.advise(named("consumeResponse").and(takesArguments(3)), ConsumeResponseAdvice.class);
        hooks.advise(named("consume").and(takesArguments(java.nio.ByteBuffer.class)), ConsumeDataAdvice.class);
        hooks.advise(named("produce").and(takesArguments(1)), ProduceDataAdvice.class);
    }
}
