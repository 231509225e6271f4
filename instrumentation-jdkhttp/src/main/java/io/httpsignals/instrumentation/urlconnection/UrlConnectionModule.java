package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.tooling.InstrumentationModule;
import io.httpsignals.tooling.TypeInstrumentation;

import java.util.List;

/**
 * {@code java.net.HttpURLConnection} and {@code javax.net.ssl.HttpsURLConnection}: the JDK's
 * {@code sun.net.www} implementation, all in {@code java.base} and mostly loaded before the agent starts, so every
 * hook is advice on retransformed classes. The request is the {@code sun.net.www.protocol.http.HttpURLConnection}
 * instance, the connection its {@code sun.net.www.http.HttpClient}.
 */
public final class UrlConnectionModule implements InstrumentationModule {

    @Override
    public String name() {
        return "jdk-urlconnection";
    }

    @Override
    public List<String> typeNamePrefixes() {
        return List.of(
                "sun.net.www.protocol.http.HttpURLConnection",
                "sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection",
                "sun.net.www.protocol.https.HttpsClient",
                "sun.net.www.http.HttpClient",
                "sun.net.www.http.KeepAliveCache",
                "sun.net.NetworkClient",
                "java.net.InetSocketAddress");
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return List.of(
                new HttpUrlConnectionInstrumentation(),
                new HttpInputStreamInstrumentation(),
                new StreamingOutputStreamInstrumentation(),
                new DelegateHttpsConnectInstrumentation(),
                new HttpClientInstrumentation(),
                new HttpsClientInstrumentation(),
                new KeepAliveCacheInstrumentation(),
                new NetworkClientInstrumentation(),
                new InetSocketAddressInstrumentation());
    }
}
