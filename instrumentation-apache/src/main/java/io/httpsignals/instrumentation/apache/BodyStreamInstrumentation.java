package io.httpsignals.instrumentation.apache;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * One of the body codecs (content-length, chunked, identity) of httpcore 5 or 4.4, named by the module. Their
 * {@code read(byte[])}/{@code write(byte[])} delegate to the three-argument forms, so only those and the single-byte
 * forms are hooked. Servers use the same classes: only streams and threads known to belong to a client request
 * report anything.
 */
public final class BodyStreamInstrumentation implements TypeInstrumentation {

    private final String typeName;
    private final boolean input;
    private final boolean core4;

    private BodyStreamInstrumentation(String typeName, boolean input, boolean core4) {
        this.typeName = typeName;
        this.input = input;
        this.core4 = core4;
    }

    /** An httpcore 5 response body stream (its session buffer is the field {@code buffer}). */
    public static BodyStreamInstrumentation input(String typeName) {
        return new BodyStreamInstrumentation(typeName, true, false);
    }

    /** An httpcore 4.4 response body stream (its session buffer is the field {@code in}). */
    public static BodyStreamInstrumentation input4(String typeName) {
        return new BodyStreamInstrumentation(typeName, true, true);
    }

    public static BodyStreamInstrumentation output(String typeName) {
        return new BodyStreamInstrumentation(typeName, false, false);
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(typeName);
    }

    @Override
    public void hooks(Hooks hooks) {
        if (input) {
            hooks.advise(isConstructor(), BodyStreamMadeAdvice.class);
            hooks.advise(named("read").and(takesArguments(byte[].class, int.class, int.class)),
                    core4 ? Body4ReadAdvice.class : BodyReadAdvice.class);
            hooks.advise(named("read").and(takesArguments(0)), core4 ? Body4ReadByteAdvice.class : BodyReadByteAdvice.class);
        } else {
            hooks.advise(named("write").and(takesArguments(byte[].class, int.class, int.class)),
                    BodyWriteAdvice.class);
            hooks.advise(named("write").and(takesArguments(int.class)), BodyWriteByteAdvice.class);
        }
    }
}
