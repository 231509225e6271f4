package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.instrumentation.apache.PoolEntryLeasedAdvice;
import io.httpsignals.tooling.Hooks;
import io.httpsignals.tooling.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** 4.5's {@code CPoolProxy}: the connection handed to a hop, made around the pool entry leased for it. */
public final class ConnectionProxyInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("org.apache.http.impl.conn.CPoolProxy");
    }

    @Override
    public void hooks(Hooks hooks) {
        hooks.advise(isConstructor().and(takesArguments(1)), PoolEntryLeasedAdvice.class);
    }
}
