package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.nio.ByteBuffer;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** httpcore5's HTTP/1.1 client stream data channel ({@code ClientHttp1StreamHandler$1}, 5.2 to 5.4). */
public final class DataChannelInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.hc.core5.http.impl.nio.ClientHttp1StreamHandler$1");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("write").and(takesArguments(ByteBuffer.class)), ChannelWriteAdvice.class);
    }
}
