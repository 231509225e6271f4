package io.httpsignals.tooling;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.any;

/** The hooks of one class (or of the subtypes of one type): which type, which methods, which advice. */
public interface TypeInstrumentation {

    /** The type to hook. Prefer exact names ({@code named(..)}): they are matched on every class load. */
    ElementMatcher<TypeDescription> typeMatcher();

    /** Narrows the class loaders whose classes may match; any by default. */
    default ElementMatcher<ClassLoader> classLoaderMatcher() {
        return any();
    }

    /** Declares the advice of this type's methods. */
    void hooks(Hooks hooks);
}
