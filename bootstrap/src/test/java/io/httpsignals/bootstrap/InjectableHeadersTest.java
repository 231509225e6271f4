package io.httpsignals.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class InjectableHeadersTest {

    @Test
    void asMapIsAViewOfTheApplicationsHeadersWithWhatListenersAddedOrReplaced() {
        Map<String, List<String>> original = new LinkedHashMap<>();
        original.put("User-Agent", List.of("app/1"));
        original.put("traceparent", List.of("00-old-01"));
        original.put("Accept", List.of("*/*"));
        InjectableHeaders headers = new InjectableHeaders(original);
        Map<String, List<String>> view = headers.asMap();
        assertEquals(original, new LinkedHashMap<>(view), "nothing injected: the application's headers, in order");
        assertSame(original, headers.original());

        headers.set("Traceparent", "00-new-01");
        headers.add("x-added", "1");
        headers.add("Host", "evil");

        assertSame(view, headers.asMap());
        Map<String, List<String>> seen = new LinkedHashMap<>();
        view.forEach(seen::put);
        assertEquals(List.of("User-Agent", "Accept", "Traceparent", "x-added"), List.copyOf(seen.keySet()));
        assertEquals(List.of("00-new-01"), view.get("TRACEPARENT"));
        assertEquals(seen, new LinkedHashMap<>(view));
        assertNull(view.get("Host"), "forbidden headers are not added");
    }
}
