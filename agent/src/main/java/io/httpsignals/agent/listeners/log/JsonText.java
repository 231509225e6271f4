package io.httpsignals.agent.listeners.log;

/**
 * Appends JSON values to a {@link StringBuilder} without allocating. Hand-written rather than a JSON library: it
 * runs on the request path inside the agent's core, where every byte allocated per signal counts.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    static void string(StringBuilder b, CharSequence s) {
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
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || isLoneSurrogate(s, i, c)) {
                        unicodeEscape(b, c);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    // A lone surrogate cannot be encoded as UTF-8; escaping it keeps every line valid JSON.
    private static boolean isLoneSurrogate(CharSequence s, int i, char c) {
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    private static void unicodeEscape(StringBuilder b, char c) {
        b.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }

    /** ISO-8601 UTC with microseconds, e.g. {@code 2026-11-27T23:59:01.123456Z}. */
    static void timestamp(StringBuilder b, long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // civil-from-days (H. Hinnant), proleptic Gregorian calendar
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        b.append('"').append(year).append('-');
        pad(b, month, 2);
        b.append('-');
        pad(b, day, 2);
        b.append('T');
        pad(b, secondOfDay / 3600, 2);
        b.append(':');
        pad(b, (secondOfDay / 60) % 60, 2);
        b.append(':');
        pad(b, secondOfDay % 60, 2);
        b.append('.');
        pad(b, micros, 6);
        b.append("Z\"");
    }

    private static void pad(StringBuilder b, int value, int width) {
        int digits = value == 0 ? 1 : (int) Math.log10(value) + 1;
        for (int i = digits; i < width; i++) {
            b.append('0');
        }
        b.append(value);
    }
}
