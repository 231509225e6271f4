package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code HttpURLConnection$StreamingOutputStream}, the request body stream in fixed-length and chunked streaming
 * mode ({@code write(byte[])} delegates to the three-argument form). The default buffered mode writes the whole body
 * with the head instead, see {@link HttpClientInstrumentation}.
 */
public final class StreamingOutputStreamInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.www.protocol.http.HttpURLConnection$StreamingOutputStream");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("write").and(takesArguments(int.class)), BodyWriteByteAdvice.class);
        hooks.advise(named("write").and(takesArguments(byte[].class, int.class, int.class)),
                BodyWriteAdvice.class);
    }
}
