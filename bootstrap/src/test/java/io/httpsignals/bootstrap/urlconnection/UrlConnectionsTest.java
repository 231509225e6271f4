package io.httpsignals.bootstrap.urlconnection;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlConnectionsTest {

    @Test
    void readsTheStatusFromTheStatusLine() {
        assertEquals(200, UrlConnections.statusOf("HTTP/1.1 200 OK"));
        assertEquals(404, UrlConnections.statusOf("HTTP/1.0  404"));
        assertEquals(-1, UrlConnections.statusOf("HTTP/1.1 abc"));
        assertEquals(-1, UrlConnections.statusOf("HTTP/1.1"));
        assertEquals(-1, UrlConnections.statusOf("ICY 200 OK"));
        assertEquals(-1, UrlConnections.statusOf(null));
        assertEquals("HTTP/1.0", UrlConnections.protocolOf("HTTP/1.0 200 OK"));
        assertSame(UrlConnections.PROTOCOL, UrlConnections.protocolOf("HTTP/1.1 200 OK"));
    }

    @Test
    void urlStringIsReusedOnlyForTheSameUrl() throws Exception {
        String first = UrlConnections.urlString(new java.net.URL("http://127.0.0.1:8080/a?x=1#f"));
        assertEquals("http://127.0.0.1:8080/a?x=1#f", first);
        assertSame(first, UrlConnections.urlString(new java.net.URL("http://127.0.0.1:8080/a?x=1#f")));
        assertEquals("http://127.0.0.1:8080/a?x=2#f",
                UrlConnections.urlString(new java.net.URL("http://127.0.0.1:8080/a?x=2#f")));
        assertEquals("http://127.0.0.1:8080/a?x=2",
                UrlConnections.urlString(new java.net.URL("http://127.0.0.1:8080/a?x=2")));
        assertEquals("https://127.0.0.1:8080/a?x=2",
                UrlConnections.urlString(new java.net.URL("https://127.0.0.1:8080/a?x=2")));
        assertEquals("https://u:p@127.0.0.1:8080/a?x=2",
                UrlConnections.urlString(new java.net.URL("https://u:p@127.0.0.1:8080/a?x=2")));
    }

    @Test
    void tellsLiteralsFromNames() {
        assertTrue(UrlConnections.isIpLiteral("127.0.0.1"));
        assertTrue(UrlConnections.isIpLiteral("::1"));
        assertTrue(UrlConnections.isIpLiteral("[fe80::1%eth0]"));
        assertFalse(UrlConnections.isIpLiteral("localhost"));
        assertFalse(UrlConnections.isIpLiteral("1.example"));
        assertFalse(UrlConnections.isIpLiteral(""));
    }

    @Test
    void dropsTheStatusLineKeyFromHeaders() {
        Map<String, List<String>> jdk = new HashMap<>();
        jdk.put(null, List.of("GET / HTTP/1.1"));
        jdk.put("Host", List.of("a"));
        assertEquals(Map.of("Host", List.of("a")), UrlConnections.withoutStatusLine(jdk));
        Map<String, List<String>> clean = Map.of("Host", List.of("a"));
        assertSame(clean, UrlConnections.withoutStatusLine(clean));
    }
}
