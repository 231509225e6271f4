package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.tooling.InstrumentationModule;
import io.httpsignals.tooling.TypeInstrumentation;

import java.util.List;

/** {@code java.net.http.HttpClient}: the hooks live in the platform-loaded {@code jdk.internal.net.http}. */
public final class JdkHttpClientModule implements InstrumentationModule {

    @Override
    public String name() {
        return "jdk-httpclient";
    }

    @Override
    public List<String> typeNamePrefixes() {
        return List.of("jdk.internal.net.http.");
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(new HttpClientImplInstrumentation());
    }
}
