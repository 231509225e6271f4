package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.URL;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code sun.net.www.protocol.http.HttpURLConnection} (also the HTTPS delegate's superclass): request start, the
 * request's outcome, redirects, injected headers and {@code disconnect()}. The public methods all funnel into the
 * private {@code plainConnect0}, {@code getOutputStream0} and {@code getInputStream0}, whatever order the
 * application calls them in.
 */
public final class HttpUrlConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("sun.net.www.protocol.http.HttpURLConnection");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(named("plainConnect0").and(takesArguments(0)), PlainConnectAdvice.class);
        hooks.advise(named("writeRequests").and(takesArguments(0)), WriteRequestsAdvice.class);
        hooks.advise(named("getOutputStream0").and(takesArguments(0)), FailureEndsRequestAdvice.class);
        hooks.advise(named("getInputStream0").and(takesArguments(0)), GetInputStreamAdvice.class);
        hooks.advise(named("followRedirect0").and(takesArguments(3)).and(takesArgument(2, URL.class)),
                FollowRedirectAdvice.class);
        hooks.advise(named("disconnect").and(takesArguments(0)), DisconnectAdvice.class);
    }
}
