package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code MultihomeIOSessionRequester} (5.2 to 5.6): after the DNS lookup it tries the addresses in turn through a
 * runnable ({@code $2}, made on the thread that connects the endpoint) that makes one callback ({@code $2$1}) per
 * address; a known address is connected through the single callback {@code $1}. The callbacks complete on I/O
 * reactor threads: they find their request through the object that made them, never through the thread.
 */
public final class SessionRequesterInstrumentation {

    private SessionRequesterInstrumentation() {
    }

    private static final String REQUESTER = "org.apache.hc.client5.http.impl.nio.MultihomeIOSessionRequester";

    static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> completedWithSession() {
        return named("completed").and(takesArguments(1))
                .and(takesArgument(0, named("org.apache.hc.core5.reactor.IOSession")));
    }

    static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> failed() {
        return named("failed").and(takesArguments(Exception.class));
    }

    /** The runnable that tries the resolved addresses. */
    public static final class Attempts implements TypeInstrumentation {
        @Override
        public ElementMatcher<TypeDescription> typeMatcher() {
            return named(REQUESTER + "$2");
        }

        @Override
        public void hooks(Hooks hooks) {
            hooks.advise(isConstructor(), AttemptsMadeAdvice.class);
        }
    }

    /** The requester itself: the DNS lookup. */
    public static final class Requester implements TypeInstrumentation {
        @Override
        public ElementMatcher<TypeDescription> typeMatcher() {
            return named(REQUESTER);
        }

        @Override
        public void hooks(Hooks hooks) {
            hooks.advise(named("connect").and(takesArguments(7)), RequesterConnectAdvice.class);
        }
    }

    /** The callback of one address tried. */
    public static final class Attempt implements TypeInstrumentation {
        @Override
        public ElementMatcher<TypeDescription> typeMatcher() {
            return named(REQUESTER + "$2$1");
        }

        @Override
        public void hooks(Hooks hooks) {
            hooks.advise(isConstructor(), AttemptStartAdvice.class);
            hooks.advise(completedWithSession(), AttemptConnectedAdvice.class);
            hooks.advise(failed(), AttemptFailedAdvice.class);
        }
    }

    /** The callback of a connect to an address known beforehand. */
    public static final class Direct implements TypeInstrumentation {
        @Override
        public ElementMatcher<TypeDescription> typeMatcher() {
            return named(REQUESTER + "$1");
        }

        @Override
        public void hooks(Hooks hooks) {
            hooks.advise(isConstructor(), DirectStartAdvice.class);
            hooks.advise(completedWithSession(), DirectConnectedAdvice.class);
            hooks.advise(failed(), DirectFailedAdvice.class);
        }
    }
}
