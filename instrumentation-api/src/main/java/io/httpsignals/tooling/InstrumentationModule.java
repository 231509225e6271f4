package io.httpsignals.tooling;

import java.util.List;

/**
 * One instrumented client library (e.g. the JDK HttpClient). Found by the agent with {@link java.util.ServiceLoader}
 * in its own class loader, so adding a client touches no agent code.
 */
public interface InstrumentationModule {

    /** A short name used in messages and in {@code status}, e.g. {@code jdk-httpclient}. */
    String name();

    /**
     * Prefixes of the class names this module may hook. Classes outside every module's prefixes are ignored without
     * further matching, which keeps start-up cheap.
     */
    List<String> typeNamePrefixes();

    /** The hooked types, one {@link TypeInstrumentation} per type. */
    List<TypeInstrumentation> typeInstrumentations();
}
