package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.Proxy;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code sun.net.www.http.HttpClient}, one HTTP/1.1 connection: taken from the keep-alive cache or opened in
 * {@code New}, (re)opened in {@code openServer()}, the head and buffered body written in
 * {@code writeRequests(head, poster)}, the response head read in {@code parseHTTP} (3 arguments on JDK 17, 2 on
 * 25; it also resends the request on a fresh socket when a kept-alive one turns out dead), closed in
 * {@code closeServer()}.
 */
public final class HttpClientInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.www.http.HttpClient");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("New").and(isStatic()).and(takesArguments(5)).and(takesArgument(1, Proxy.class))
                        .and(takesArgument(4, named("sun.net.www.protocol.http.HttpURLConnection"))),
                HttpClientNewAdvice.class);
        hooks.advise(named("openServer").and(takesArguments(0)), OpenServerAdvice.class);
        hooks.advise(named("writeRequests").and(takesArguments(2)), HeadWrittenAdvice.class);
        hooks.advise(named("parseHTTP"), ParseHttpAdvice.class);
        hooks.advise(named("closeServer").and(takesArguments(0)), CloseServerAdvice.class);
    }
}
