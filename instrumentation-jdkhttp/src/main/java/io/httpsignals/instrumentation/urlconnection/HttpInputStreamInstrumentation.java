package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code HttpURLConnection$HttpInputStream}, the stream {@code getInputStream()} and {@code getErrorStream()} hand
 * out: {@code read()}, {@code read(byte[])} and {@code skip} all go through {@code read(byte[], int, int)}.
 */
public final class HttpInputStreamInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.www.protocol.http.HttpURLConnection$HttpInputStream");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("read").and(takesArguments(byte[].class, int.class, int.class)), BodyReadAdvice.class);
        hooks.advise(named("close").and(takesArguments(0)), BodyCloseAdvice.class);
    }
}
