package io.httpsignals.bootstrap.jdkhttp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class JdkHttpSignalsTest {

    private static Map<String, List<String>> parse(String head) {
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        return JdkHttpSignals.parseHead(bytes, 0, bytes.length);
    }

    @Test
    void parsesTheFieldsOfARequestHeadInOrder() {
        Map<String, List<String>> headers = parse("GET /hello HTTP/1.1\r\nContent-Length: 0\r\nHost:  127.0.0.1:8080 \r\n"
                + "X-Many: a\r\nbroken line\r\n: no name\r\nX-Many: b\r\nUser-Agent: Java-http-client/17\r\n\r\n");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("Content-Length", List.of("0"));
        expected.put("Host", List.of("127.0.0.1:8080"));
        expected.put("X-Many", List.of("a", "b"));
        expected.put("User-Agent", List.of("Java-http-client/17"));
        assertEquals(expected, headers);
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(headers.keySet()));
        assertEquals(List.of("127.0.0.1:8080"), headers.get("host"));
        List<String> order = new ArrayList<>();
        headers.forEach((name, values) -> order.add(name));
        assertEquals(new ArrayList<>(expected.keySet()), order);
    }

    @Test
    void repeatedFieldsAreTheSameStringsButSecretsAreNotKept() {
        Map<String, List<String>> first = parse("GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer x\r\n\r\n");
        Map<String, List<String>> second = parse("GET / HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer x\r\n\r\n");
        assertSame(first.get("Host").get(0), second.get("Host").get(0));
        assertEquals(first.get("Authorization"), second.get("Authorization"));
        assertEquals(false, first.get("Authorization").get(0) == second.get("Authorization").get(0));
    }

    @Test
    void parsesAHeadInsideALargerArray() {
        byte[] bytes = "xxGET / HTTP/1.1\r\nHost: a\r\n\r\nyy".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Map.of("Host", List.of("a")), JdkHttpSignals.parseHead(bytes, 2, bytes.length - 2));
    }

    @Test
    void aHeadWithoutFieldsHasNone() {
        assertEquals(Map.of(), parse("GET / HTTP/1.1\r\n\r\n"));
        assertEquals(Map.of(), parse("GET / HTTP/1.1"));
    }
}
