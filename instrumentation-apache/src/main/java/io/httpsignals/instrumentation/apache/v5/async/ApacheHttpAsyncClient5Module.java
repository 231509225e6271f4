package io.httpsignals.instrumentation.apache.v5.async;

import io.httpsignals.tooling.InstrumentationModule;
import io.httpsignals.tooling.TypeInstrumentation;

import java.util.List;

/**
 * Apache HttpClient 5.x async API ({@code apache-httpclient5-async}), HTTP/1.1. Pool waits come from the pool and
 * future hooks of the classic module (the same httpcore5 pools).
 */
public final class ApacheHttpAsyncClient5Module implements InstrumentationModule {

    @Override
    public String name() {
        return "apache-httpclient5-async";
    }

    @Override
    public List<String> typeNamePrefixes() {
        return List.of("org.apache.hc.client5.http.impl.async.", "org.apache.hc.client5.http.impl.nio.",
                "org.apache.hc.core5.http.impl.nio.ClientHttp1StreamHandler");
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(
                new AsyncClientInstrumentation(),
                new AsyncExecRuntimeInstrumentation(),
                new AsyncConnectionManagerInstrumentation(),
                new ExchangeHandlerInstrumentation(),
                new SessionRequesterInstrumentation.Requester(),
                new SessionRequesterInstrumentation.Attempts(),
                new SessionRequesterInstrumentation.Attempt(),
                new SessionRequesterInstrumentation.Direct(),
                new ConnectionOperatorInstrumentation.SessionCallback(),
                new ConnectionOperatorInstrumentation.TlsCallback(),
                new ClientConnectionInstrumentation(),
                new DataChannelInstrumentation(),
                new RetryExecInstrumentation());
    }
}
