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
 * {@code DefaultAsyncClientConnectionOperator} (5.2 to 5.6): the callback {@code $1} (made on the thread connecting
 * the endpoint) receives the connected session on an I/O thread, wraps it into the client connection and, for
 * {@code https}, starts the TLS upgrade whose callback is {@code $1$1}.
 */
public final class ConnectionOperatorInstrumentation {

    private ConnectionOperatorInstrumentation() {
    }

    private static final String OPERATOR = "org.apache.hc.client5.http.impl.nio.DefaultAsyncClientConnectionOperator";

    /** The callback that receives the connected session. */
    public static final class SessionCallback implements TypeInstrumentation {
        @Override
        public ElementMatcher<TypeDescription> typeMatcher() {
            return named(OPERATOR + "$1");
        }

        @Override
        public void hooks(Hooks hooks) {
            hooks.advise(isConstructor(), AsyncCallbackMadeAdvice.class);
            hooks.advise(SessionRequesterInstrumentation.completedWithSession(), SessionConnectedAdvice.class);
        }
    }

    /** The callback of the TLS upgrade. */
    public static final class TlsCallback implements TypeInstrumentation {
        @Override
        public ElementMatcher<TypeDescription> typeMatcher() {
            return named(OPERATOR + "$1$1");
        }

        @Override
        public void hooks(Hooks hooks) {
            hooks.advise(isConstructor(), TlsStartAdvice.class);
            hooks.advise(named("completed").and(takesArguments(1)).and(takesArgument(0,
                    named("org.apache.hc.core5.reactor.ssl.TransportSecurityLayer"))), TlsEndAdvice.class);
        }
    }
}
