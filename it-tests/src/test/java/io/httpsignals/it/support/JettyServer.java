package io.httpsignals.it.support;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jetty 12 on 127.0.0.1 with two connectors:
 * <ul>
 *   <li>TLS ({@link #uri}): ALPN offering {@code h2} and {@code http/1.1}; clients that do not negotiate get
 *       HTTP/1.1.</li>
 *   <li>cleartext ({@link #h2cUri}): HTTP/1.1, {@code Upgrade: h2c}, and h2c with prior knowledge.</li>
 * </ul>
 * Both answer {@link Routes}.
 */
public final class JettyServer implements TestServer {

    private final Server server;
    private final ServerConnector tlsConnector;
    private final ServerConnector cleartextConnector;
    private final RequestJournal journal = new RequestJournal();

    private JettyServer() {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("jetty-it");
        threads.setDaemon(true);
        server = new Server(threads);

        HttpConfiguration plainConfig = new HttpConfiguration();
        plainConfig.setSendServerVersion(false);
        cleartextConnector = new ServerConnector(server,
                new HttpConnectionFactory(plainConfig), new HTTP2CServerConnectionFactory(plainConfig));
        cleartextConnector.setHost("127.0.0.1");
        cleartextConnector.setPort(0);

        HttpConfiguration tlsConfig = new HttpConfiguration(plainConfig);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // clients connecting to 127.0.0.1 send no SNI; the certificate covers the address anyway
        secure.setSniHostCheck(false);
        tlsConfig.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        Certificates certs = Certificates.get();
        ssl.setKeyStorePath(certs.keyStore().toString());
        ssl.setKeyStorePassword(Certificates.PASSWORD);
        ssl.setKeyStoreType(Certificates.STORE_TYPE);
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        ssl.setSniRequired(false);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(tlsConfig);
        HttpConnectionFactory http11 = new HttpConnectionFactory(tlsConfig);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol(http11.getProtocol());
        tlsConnector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, h2,
                http11);
        tlsConnector.setHost("127.0.0.1");
        tlsConnector.setPort(0);

        server.addConnector(tlsConnector);
        server.addConnector(cleartextConnector);
        server.setHandler(new RoutesHandler(journal));
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot start Jetty", e);
        }
    }

    public static JettyServer start() {
        return new JettyServer();
    }

    /** The TLS connector's scheme. */
    @Override
    public String scheme() {
        return "https";
    }

    /** The TLS connector (h2 and http/1.1 over ALPN). */
    @Override
    public int port() {
        return tlsConnector.getLocalPort();
    }

    /** The cleartext connector (HTTP/1.1, h2c upgrade, h2c prior knowledge). */
    public int h2cPort() {
        return cleartextConnector.getLocalPort();
    }

    public URI h2cUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + h2cPort() + pathAndQuery);
    }

    @Override
    public List<RecordedRequest> requests() {
        return journal.snapshot();
    }

    @Override
    public void clearRequests() {
        journal.clear();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // closing is best effort; the ports die with the JVM anyway
        }
    }

    /** Blocking handler (Jetty runs it on a pool thread) so that {@code /slow} may sleep. */
    private static final class RoutesHandler extends Handler.Abstract {
        private final RequestJournal journal;

        RoutesHandler(RequestJournal journal) {
            super(InvocationType.BLOCKING);
            this.journal = journal;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            long bodyLength;
            try (InputStream in = Content.Source.asInputStream(request)) {
                bodyLength = in.transferTo(OutputStream.nullOutputStream());
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField f : request.getHeaders()) {
                headers.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(f.getValue());
            }
            HttpURI uri = request.getHttpURI();
            RecordedRequest req = new RecordedRequest(request.getMethod(), uri.getPath(), uri.getQuery(),
                    request.getConnectionMetaData().getProtocol(), headers, bodyLength);
            journal.add(req);

            Reply reply = Routes.handle(req);
            response.setStatus(reply.status());
            reply.headers().forEach((name, values) -> values.forEach(v -> response.getHeaders().add(name, v)));
            boolean body = reply.mayHaveBody() && !"HEAD".equals(req.method()) && reply.body().length > 0;
            if (!body) {
                if (reply.mayHaveBody()) {
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
                }
                response.write(true, null, callback);
            } else if (reply.chunked()) {
                // no Content-Length and several flushed writes: chunked on HTTP/1.1, several DATA frames on h2
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    Http1Server.writeInPieces(out, reply.body());
                }
                callback.succeeded();
            } else {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) reply.body().length);
                response.write(true, ByteBuffer.wrap(reply.body()), callback);
            }
            return true;
        }
    }
}
