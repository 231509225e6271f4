package io.httpsignals.tooling;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Collects the hooks a {@link TypeInstrumentation} declares. */
public interface Hooks {

    /**
     * Applies {@code adviceClass} (a class of static {@code @Advice.OnMethodEnter}/{@code @Advice.OnMethodExit}
     * methods, {@code suppress = Throwable.class}) to the methods matching {@code methods}. When the hooked type has
     * no such method (another JDK or library version), the hook is reported as skipped, once, and the rest keep
     * working.
     */
    void advise(ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass);
}
