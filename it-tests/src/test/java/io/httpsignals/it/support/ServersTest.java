package io.httpsignals.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loopback servers, exercised in-process with java.net.http (no agent involved). */
class ServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Http1Server plain;
    private static Http1Server tls;
    private static JettyServer jetty;

    @BeforeAll
    static void startServers() {
        plain = Http1Server.start();
        tls = Http1Server.startTls();
        jetty = JettyServer.start();
    }

    @AfterAll
    static void stopServers() {
        plain.close();
        tls.close();
        jetty.close();
    }

    private static HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(Certificates.get().clientSslContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void checkRoutes(TestServer server, HttpClient client, URI base) throws Exception {
        String b = base.toString();
        HttpResponse<String> hello = get(client, URI.create(b + "/hello"));
        assertEquals(200, hello.statusCode());
        assertEquals("hello", hello.body());

        HttpResponse<String> echo = get(client, URI.create(b + "/echo?a=1"), "X-Injected", "trace-42");
        JsonNode json = JSON.readTree(echo.body());
        assertEquals("GET", json.get("method").asText());
        assertEquals("/echo", json.get("path").asText());
        assertEquals("a=1", json.get("query").asText());
        assertEquals("trace-42", json.get("headers").get("x-injected").get(0).asText());
        assertEquals("trace-42", server.lastRequest().header("X-Injected"));

        HttpResponse<byte[]> bytes = client.send(HttpRequest.newBuilder(URI.create(b + "/bytes?n=100000&chunked=true"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(100_000, bytes.body().length);
        assertEquals('a', bytes.body()[0]);
        assertEquals('a' + 99_999 % 26, bytes.body()[99_999]);
        assertFalse(bytes.headers().firstValue("content-length").isPresent(), bytes.headers().toString());

        HttpResponse<String> fixed = get(client, URI.create(b + "/bytes?n=10&chunked=false"));
        assertEquals("abcdefghij", fixed.body());
        assertEquals("10", fixed.headers().firstValue("content-length").orElse(null));

        HttpResponse<String> upload = client.send(HttpRequest.newBuilder(URI.create(b + "/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[12345])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"bytes\":12345}", upload.body());

        assertEquals(503, get(client, URI.create(b + "/status/503")).statusCode());
        assertEquals(204, get(client, URI.create(b + "/status/204")).statusCode());
        HttpResponse<String> redirect = get(client, URI.create(b + "/redirect/307?to=/echo"));
        assertEquals(307, redirect.statusCode(), "the client does not follow by default");
        assertEquals("/echo", redirect.headers().firstValue("location").orElse(null));

        server.clearRequests();
        HttpClient following = HttpClient.newBuilder().version(client.version())
                .sslContext(Certificates.get().clientSslContext()).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> chain = get(following, URI.create(b + "/redirect-chain/3"));
        assertEquals("hello", chain.body());
        assertEquals(4, server.requests().size(), server.requests().toString());

        HttpResponse<String> headerEcho = get(client, URI.create(b + "/header-echo?name=X-Foo"), "X-Foo", "bar");
        assertEquals("bar", headerEcho.headers().firstValue("x-foo").orElse(null));
        assertTrue(get(client, URI.create(b + "/set-cookie")).headers().firstValue("set-cookie").orElse("")
                .startsWith("session=abc123"));

        long t0 = System.nanoTime();
        assertEquals("slow", get(client, URI.create(b + "/slow?ms=150")).body());
        assertTrue(System.nanoTime() - t0 >= 150_000_000L);
        assertEquals(404, get(client, URI.create(b + "/nope")).statusCode());
    }

    @Test
    void http1Plain() throws Exception {
        HttpClient c = client(HttpClient.Version.HTTP_1_1);
        checkRoutes(plain, c, URI.create("http://127.0.0.1:" + plain.port()));
        HttpResponse<String> r = get(c, plain.uri("/bytes?n=5&chunked=true"));
        assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(null));
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
    }

    @Test
    void http1KeepsConnectionsAlive() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), plain.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 2; i++) {
                out.write("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), in.readNBytes(5));
            }
        }
    }

    @Test
    void http1Tls() throws Exception {
        HttpClient c = client(HttpClient.Version.HTTP_1_1);
        checkRoutes(tls, c, URI.create("https://127.0.0.1:" + tls.port()));
        HttpResponse<String> byName = get(c, tls.uri("localhost", "/hello"));
        assertEquals("hello", byName.body());
        assertEquals("https", tls.scheme());
    }

    @Test
    void untrustedClientIsRejected() {
        HttpClient defaultTrust = HttpClient.newHttpClient();
        assertThrows(IOException.class, () -> get(defaultTrust, tls.uri("/hello")));
    }

    @Test
    void jettyH2OverTls() throws Exception {
        HttpClient c = client(HttpClient.Version.HTTP_2);
        HttpResponse<String> r = get(c, jetty.uri("/hello"));
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        checkRoutes(jetty, c, URI.create("https://127.0.0.1:" + jetty.port()));
        assertEquals("HTTP/2.0", jetty.lastRequest().protocol());
    }

    @Test
    void jettyHttp11OverTls() throws Exception {
        HttpResponse<String> r = get(client(HttpClient.Version.HTTP_1_1), jetty.uri("/bytes?n=5&chunked=true"));
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
        assertEquals("abcde", r.body());
        assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(null));
    }

    @Test
    void jettyH2cUpgrade() throws Exception {
        HttpClient c = client(HttpClient.Version.HTTP_2);
        HttpResponse<String> r = get(c, jetty.h2cUri("/hello"));
        assertEquals("hello", r.body());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        checkRoutes(jetty, c, URI.create("http://127.0.0.1:" + jetty.h2cPort()));
    }

    @Test
    void jettyH2cPriorKnowledge() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), jetty.h2cPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // an empty SETTINGS frame: length 0, type 4, flags 0, stream 0
            s.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            s.getOutputStream().flush();
            byte[] frameHeader = s.getInputStream().readNBytes(9);
            assertEquals(9, frameHeader.length);
            assertEquals(4, frameHeader[3], "the server answers the preface with SETTINGS");
        }
    }

    @Test
    void resetMidBody() throws Exception {
        try (MisbehavingServer bad = MisbehavingServer.start(MisbehavingServer.Mode.RESET_MID_BODY)) {
            assertThrows(IOException.class, () -> get(client(HttpClient.Version.HTTP_1_1), bad.uri("/x")));
            assertEquals(1, bad.connectionCount());
            assertTrue(bad.requestHeads().get(0).startsWith("GET /x HTTP/1.1\r\n"), bad.requestHeads().toString());
        }
    }

    @Test
    void malformedStatusLine() {
        try (MisbehavingServer bad = MisbehavingServer.start(MisbehavingServer.Mode.MALFORMED_STATUS_LINE)) {
            assertThrows(IOException.class, () -> get(client(HttpClient.Version.HTTP_1_1), bad.uri("/x")));
        }
    }

    @Test
    void neverAnswers() {
        try (MisbehavingServer bad = MisbehavingServer.start(MisbehavingServer.Mode.NEVER_ANSWERS)) {
            HttpRequest req = HttpRequest.newBuilder(bad.uri("/x")).timeout(Duration.ofMillis(300)).build();
            assertThrows(HttpTimeoutException.class, () -> client(HttpClient.Version.HTTP_1_1)
                    .send(req, HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void closeAfterFirstResponse() throws Exception {
        try (MisbehavingServer bad = MisbehavingServer.start(MisbehavingServer.Mode.CLOSE_AFTER_FIRST_RESPONSE)) {
            HttpClient c = client(HttpClient.Version.HTTP_1_1);
            assertEquals("hello", get(c, bad.uri("/1")).body());
            Thread.sleep(100); // the server has closed the pooled connection by now
            assertEquals("hello", get(c, bad.uri("/2")).body());
            assertEquals(2, bad.connectionCount());
        }
    }

    @Test
    void refusedPort() {
        URI uri = URI.create("http://127.0.0.1:" + Ports.refused() + "/x");
        assertThrows(ConnectException.class, () -> get(client(HttpClient.Version.HTTP_1_1), uri));
    }

    @Test
    void certificatesForChildren() {
        Certificates c = Certificates.get();
        assertTrue(c.trustStoreJvmArgs().contains("-Djavax.net.ssl.trustStore=" + c.trustStore()));
        assertEquals(c, Certificates.get(), "generated once");
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
