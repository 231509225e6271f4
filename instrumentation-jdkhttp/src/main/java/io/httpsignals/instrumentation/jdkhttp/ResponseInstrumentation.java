package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpSignals;
import io.httpsignals.bootstrap.jdkhttp.JdkHttpTraces;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code jdk.internal.net.http.Response}: built when a response head has been parsed (HTTP/1.1 and HTTP/2, also for
 * 1xx). All constructors end in the seven-argument one; its last argument marks a proxy's CONNECT answer, skipped.
 */
public final class ResponseInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("jdk.internal.net.http.Response");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor().and(takesArguments(7)), ResponseHeadAdvice.class);
    }

    public static final class ResponseHeadAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.Argument(1) Object exchange,
                                @Advice.Argument(2) HttpHeaders headers,
                                @Advice.Argument(4) int status,
                                @Advice.Argument(5) HttpClient.Version version,
                                @Advice.Argument(6) boolean connectResponse) {
            if (!SignalBus.active() || connectResponse) {
                return;
            }
            Trace trace = JdkHttpTraces.forExchange(exchange);
            if (trace != null) {
                SignalBus.responseHeadersReceived(trace, status,
                        version == HttpClient.Version.HTTP_2 ? JdkHttpSignals.HTTP_2 : JdkHttpSignals.HTTP_1_1,
                        headers != null && SignalBus.wants(trace, Signal.RESPONSE_HEADERS_RECEIVED)
                                ? headers.map() : java.util.Collections.emptyMap());
            }
        }
    }
}
