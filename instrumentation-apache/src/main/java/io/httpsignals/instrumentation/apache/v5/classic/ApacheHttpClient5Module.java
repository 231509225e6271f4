package io.httpsignals.instrumentation.apache.v5.classic;

import io.httpsignals.instrumentation.apache.BodyStreamInstrumentation;
import io.httpsignals.tooling.InstrumentationModule;
import io.httpsignals.tooling.TypeInstrumentation;

import java.util.List;

/** Apache HttpClient 5.x classic API ({@code apache-httpclient5}), on httpcore5's blocking connections and pools. */
public final class ApacheHttpClient5Module implements InstrumentationModule {

    private static final String IO = "org.apache.hc.core5.http.impl.io.";

    @Override
    public String name() {
        return "apache-httpclient5";
    }

    @Override
    public List<String> typeNamePrefixes() {
        return List.of("org.apache.hc.client5.", "org.apache.hc.core5.");
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(
                new InternalHttpClientInstrumentation(),
                new InternalExecRuntimeInstrumentation(),
                new PoolingConnectionManagerInstrumentation(),
                new ConnectionOperatorInstrumentation(),
                new PlainSocketFactoryInstrumentation(),
                new SslSocketFactoryInstrumentation(),
                new DnsResolverInstrumentation(),
                new SystemDefaultDnsResolverInstrumentation(),
                new ClientConnectionInstrumentation(),
                new StrictConnPoolInstrumentation(),
                new LaxConnPoolInstrumentation(),
                new RouteSegmentedConnPoolInstrumentation(),
                new ConnectionEndpointInstrumentation(),
                new BasicFutureInstrumentation(),
                new RedirectLocationsInstrumentation(),
                new RetryStrategyInstrumentation(),
                BodyStreamInstrumentation.input(IO + "ContentLengthInputStream"),
                BodyStreamInstrumentation.input(IO + "ChunkedInputStream"),
                BodyStreamInstrumentation.input(IO + "IdentityInputStream"),
                BodyStreamInstrumentation.output(IO + "ContentLengthOutputStream"),
                BodyStreamInstrumentation.output(IO + "ChunkedOutputStream"),
                BodyStreamInstrumentation.output(IO + "IdentityOutputStream"));
    }
}
