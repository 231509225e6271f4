package io.httpsignals.instrumentation.jdkhttp;

import io.httpsignals.bootstrap.AgentLog;
import io.httpsignals.tooling.InstrumentationModule;
import io.httpsignals.tooling.TypeInstrumentation;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code java.net.http.HttpClient}: the hooks live in the platform-loaded {@code jdk.internal.net.http}.
 *
 * <p>Response body chunks are seen in different classes depending on the JDK update: the module checks which
 * classes this runtime has (reading class files through the module, without loading {@code java.net.http}), uses
 * the fallback hooks where the newer class is missing (reported with {@code debug=true}), and prints one line when
 * no hook for a signal can be installed.
 */
public final class JdkHttpClientModule implements InstrumentationModule {

    static final String BODY_WRAPPER = "jdk.internal.net.http.common.HttpBodySubscriberWrapper";
    static final String LEGACY_HTTP1_BODY = "jdk.internal.net.http.Http1Response$Http1BodySubscriber";

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
        boolean wrapper = exists(BODY_WRAPPER);
        List<TypeInstrumentation> types = new ArrayList<>(List.of(
                new HttpClientImplInstrumentation(),
                new ExchangeInstrumentation(),
                new MultiExchangeInstrumentation(),
                new RedirectFilterInstrumentation(),
                new HttpRequestImplInstrumentation(),
                new HttpConnectionInstrumentation(),
                new ConnectionPoolInstrumentation(),
                new PlainHttpConnectionInstrumentation(),
                new AsyncSSLConnectionInstrumentation(),
                new Http2ClientImplInstrumentation(),
                new Http2ConnectionInstrumentation(),
                new StreamInstrumentation(!wrapper),
                new ExchangeImplInstrumentation(),
                new Http1RequestInstrumentation(),
                new RequestBodyInstrumentation("jdk.internal.net.http.Http1Request$StreamSubscriber"),
                new RequestBodyInstrumentation("jdk.internal.net.http.Http1Request$FixedContentSubscriber"),
                new RequestBodyInstrumentation("jdk.internal.net.http.Stream$RequestSubscriber"),
                new ResponseInstrumentation(),
                new HttpResponseImplInstrumentation(),
                new ResponseInputStreamInstrumentation()));
        if (wrapper) {
            types.add(new ResponseBodyInstrumentation.Chunks(BODY_WRAPPER));
        } else if (exists(LEGACY_HTTP1_BODY)) {
            // nothing is lost (the fallback hooks give the same signals), so this is detail, not a problem
            AgentLog.debug("jdk-httpclient: " + BODY_WRAPPER + " is not in this JDK (" + Runtime.version()
                    + "): response body chunks come from " + LEGACY_HTTP1_BODY
                    + " (HTTP/1.1) and from HTTP/2 DATA frames on arrival (Stream.incoming)");
            types.add(new ResponseBodyInstrumentation.Http1BodyReader());
            types.add(new ResponseBodyInstrumentation.Chunks(LEGACY_HTTP1_BODY));
        } else {
            AgentLog.warn("jdk-httpclient: neither " + BODY_WRAPPER + " nor " + LEGACY_HTTP1_BODY
                    + " is in this JDK (" + Runtime.version() + "): HTTP/1.1 response_chunk_received is skipped");
        }
        return types;
    }

    /** Whether java.net.http has this class, read as a resource so nothing of the module gets loaded. */
    static boolean exists(String className) {
        try {
            Optional<Module> module = ModuleLayer.boot().findModule("java.net.http");
            if (module.isEmpty()) {
                return false;
            }
            try (InputStream in = module.get().getResourceAsStream(className.replace('.', '/') + ".class")) {
                return in != null;
            }
        } catch (Throwable e) {
            return false;
        }
    }
}
