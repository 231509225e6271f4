package io.httpsignals.agent.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonReaderTest {

    @Test
    void readsTheValuesOfALogLine() throws Exception {
        Object parsed = JsonReader.parse("{\"a\":1,\"b\":-2.5e1,\"c\":\"x\\\"\\u00e9\\n\",\"d\":[true,false,null],"
                + "\"e\":{\"f\":[]}, \"g\" : 12345678901234 }");
        Map<?, ?> map = (Map<?, ?>) parsed;
        assertEquals(1L, map.get("a"));
        assertEquals(-25.0, map.get("b"));
        assertEquals("x\"\u00e9\n", map.get("c"));
        assertEquals(java.util.Arrays.asList(true, false, null), map.get("d"));
        assertEquals(Map.of("f", List.of()), map.get("e"));
        assertEquals(12345678901234L, map.get("g"));
        assertNull(JsonReader.parse("null"));
    }

    @Test
    void rejectsWhatIsNotOneJsonValue() {
        for (String bad : new String[] {"", "{", "{\"a\":1", "{\"a\":1,}", "{\"a\" 1}", "[1 2]", "{\"a\":tru}",
                "\"open", "{\"a\":\"\\x\"}", "{\"a\":1}{", "nope", "{\"a\":\"\\u12\"}", "{\"a\":-}", "{'a':1}",
                "[".repeat(100) + "]".repeat(100)}) {
            assertThrows(JsonReader.MalformedJsonException.class, () -> JsonReader.parse(bad), bad);
        }
    }
}
