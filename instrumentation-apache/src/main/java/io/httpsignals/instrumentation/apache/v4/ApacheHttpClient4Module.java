package io.httpsignals.instrumentation.apache.v4;

import io.httpsignals.instrumentation.apache.BodyStreamInstrumentation;
import io.httpsignals.tooling.InstrumentationModule;
import io.httpsignals.tooling.TypeInstrumentation;

import java.util.List;

/** Apache HttpClient 4.5 ({@code apache-httpclient4}) on httpcore 4.4. */
public final class ApacheHttpClient4Module implements InstrumentationModule {

    private static final String IO = "org.apache.http.impl.io.";

    @Override
    public String name() {
        return "apache-httpclient4";
    }

    @Override
    public List<String> typeNamePrefixes() {
        return List.of("org.apache.http.");
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(
                new InternalHttpClientInstrumentation(),
                new PoolingConnectionManagerInstrumentation(),
                new ConnectionOperatorInstrumentation(),
                new SystemDefaultDnsResolverInstrumentation(),
                new PlainSocketFactoryInstrumentation(),
                new SslSocketFactoryInstrumentation(),
                new ClientConnectionInstrumentation(),
                new AbstractConnPoolInstrumentation(),
                new ConnectionProxyInstrumentation(),
                new RouteSpecificPoolInstrumentation(),
                new RedirectStrategyInstrumentation(),
                new RetryHandlerInstrumentation(),
                BodyStreamInstrumentation.input4(IO + "ContentLengthInputStream"),
                BodyStreamInstrumentation.input4(IO + "ChunkedInputStream"),
                BodyStreamInstrumentation.input4(IO + "IdentityInputStream"),
                BodyStreamInstrumentation.output(IO + "ContentLengthOutputStream"),
                BodyStreamInstrumentation.output(IO + "ChunkedOutputStream"),
                BodyStreamInstrumentation.output(IO + "IdentityOutputStream"));
    }
}
