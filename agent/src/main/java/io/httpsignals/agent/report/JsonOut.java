package io.httpsignals.agent.report;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON that is safe to embed in an HTML {@code <script>} element: besides the usual escapes, {@code <},
 * {@code >} and {@code &} are written as {@code \}{@code u} escapes, so no value from the log can close the element.
 */
final class JsonOut {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonOut() {
    }

    static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029
                            || Character.isSurrogate(c) && !validSurrogate(s, i, c)) {
                        b.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static boolean validSurrogate(String s, int i, char c) {
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    static void value(StringBuilder b, Object value) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof String s) {
            string(b, s);
        } else if (value instanceof Double d) {
            b.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
        } else if (value instanceof Number || value instanceof Boolean) {
            b.append(value);
        } else if (value instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                string(b, String.valueOf(e.getKey()));
                b.append(':');
                value(b, e.getValue());
            }
            b.append('}');
        } else if (value instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                value(b, list.get(i));
            }
            b.append(']');
        } else {
            string(b, value.toString());
        }
    }

    /** Microseconds as milliseconds with three decimals, the unit of every time in the page's data. */
    static void millis(StringBuilder b, long micros) {
        if (micros < 0) {
            b.append('-');
            micros = -micros;
        }
        b.append(micros / 1000);
        int frac = (int) (micros % 1000);
        if (frac != 0) {
            b.append('.');
            if (frac < 100) {
                b.append('0');
            }
            if (frac < 10) {
                b.append('0');
            }
            // trailing zeros are harmless but cost bytes at 100,000 rows
            while (frac % 10 == 0) {
                frac /= 10;
            }
            b.append(frac);
        }
    }
}
