package io.httpsignals.bootstrap.support;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeaderFieldsTest {

    @Test
    void keepsFieldsInOrderWithRepeatedNamesTogether() {
        HeaderFields fields = new HeaderFields(1);
        fields.add(null, "HTTP/1.1 200 OK");
        fields.add("Set-Cookie", "a=1");
        fields.add("Content-Length", "2");
        fields.add("Set-Cookie", "b=2");
        fields.add("X-Empty", null);
        assertEquals(3, fields.size());
        assertEquals(List.of("Set-Cookie", "Content-Length", "X-Empty"), new ArrayList<>(fields.keySet()));
        assertEquals(List.of("a=1", "b=2"), fields.get("set-cookie"));
        assertEquals(Arrays.asList((String) null), fields.get("X-Empty"));
        assertTrue(fields.containsKey("content-length"));
        assertFalse(fields.containsKey(null));
        assertNull(fields.get("Host"));
        assertEquals(Map.of("Set-Cookie", List.of("a=1", "b=2"), "Content-Length", List.of("2"),
                "X-Empty", Arrays.asList((String) null)), fields);
        assertThrows(UnsupportedOperationException.class, () -> fields.get("Set-Cookie").add("c"));
        assertThrows(UnsupportedOperationException.class, () -> fields.put("a", List.of()));
        assertThrows(UnsupportedOperationException.class, () -> fields.remove("Set-Cookie"));
        assertThrows(UnsupportedOperationException.class, fields::clear);
        Map<String, List<String>> same = new java.util.LinkedHashMap<>(fields);
        assertEquals(same, fields);
        assertEquals(same.hashCode(), fields.hashCode());
        assertEquals(same.toString(), fields.toString());
        assertEquals(new ArrayList<>(same.values()), new ArrayList<>(fields.values()));
        assertTrue(fields.containsValue(List.of("2")));
        assertFalse(fields.isEmpty());
    }

    @Test
    void readsByIndexWithoutListsAndGrowsPastItsHint() {
        HeaderFields fields = new HeaderFields(16);
        assertEquals(Map.of(), fields);
        assertNull(fields.get("H0"));
        for (int i = 0; i < 20; i++) {
            fields.add("H" + i, "v" + i);
        }
        fields.add("H3", "again");
        assertEquals(20, fields.size());
        assertEquals("H19", fields.name(19));
        assertEquals(1, fields.valueCount(0));
        assertEquals("v0", fields.value(0, 0));
        assertEquals(2, fields.valueCount(3));
        assertEquals("again", fields.value(3, 1));
        assertEquals(List.of("v3", "again"), fields.get("h3"));
        assertThrows(IndexOutOfBoundsException.class, () -> fields.value(0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> fields.name(20));
    }
}
