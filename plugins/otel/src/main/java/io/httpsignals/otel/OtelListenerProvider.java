package io.httpsignals.otel;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.HttpSignalListenerProvider;
import io.httpsignals.api.ListenerOptions;

/** The {@code otel} listener: enable with {@code httpsignals.plugins=httpsignals-otel.jar;listeners=otel}. */
public final class OtelListenerProvider implements HttpSignalListenerProvider {

    @Override
    public String name() {
        return "otel";
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        OtelSettings settings = OtelSettings.of(options, System.getenv());
        return new OtelListener(settings, OtelPipeline.otlp(settings));
    }
}
