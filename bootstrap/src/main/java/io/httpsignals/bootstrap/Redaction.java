package io.httpsignals.bootstrap;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must never appear in an output: values of sensitive headers, the password of URL user-info, and the values
 * of query parameters the operator named. Applied to the trace's URL at request start (so no listener ever sees a
 * URL password) and by every built-in output to header values.
 */
public final class Redaction {

    public static final String REDACTED = "<redacted>";

    private static final Set<String> DEFAULT_HEADERS =
            Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

    // compared ignoring case: outputs ask once per header, and lower-casing the name to look it up in a set would
    // make a String each time
    private static volatile String[] sensitiveHeaders = DEFAULT_HEADERS.toArray(new String[0]);
    private static volatile Set<String> sensitiveQueryParams = Set.of();

    private Redaction() {
    }

    /** Sets the operator's extra header names and query parameter names (added to the defaults). */
    public static void configure(Iterable<String> extraHeaders, Iterable<String> queryParams) {
        Set<String> headers = new TreeSet<>(DEFAULT_HEADERS);
        for (String h : extraHeaders) {
            headers.add(h.trim().toLowerCase(Locale.ROOT));
        }
        Set<String> query = new TreeSet<>();
        for (String q : queryParams) {
            query.add(q.trim());
        }
        sensitiveHeaders = headers.toArray(new String[0]);
        sensitiveQueryParams = Set.copyOf(query);
    }

    public static boolean isSensitiveHeader(String name) {
        if (name == null) {
            return false;
        }
        for (String sensitive : sensitiveHeaders) {
            if (sensitive.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The URL without the password of its user-info and with the values of sensitive query parameters replaced. */
    public static String sanitizeUrl(String url) {
        if (url == null) {
            return null;
        }
        String result = url;
        int scheme = result.indexOf("://");
        if (scheme > 0) {
            int authorityStart = scheme + 3;
            int authorityEnd = indexOfAny(result, authorityStart, "/?#");
            int at = result.lastIndexOf('@', authorityEnd - 1);
            if (at >= authorityStart) {
                int colon = result.indexOf(':', authorityStart);
                if (colon >= 0 && colon < at) {
                    result = result.substring(0, colon + 1) + REDACTED + result.substring(at);
                }
            }
        }
        Set<String> params = sensitiveQueryParams;
        if (!params.isEmpty()) {
            result = redactQuery(result, params);
        }
        return result;
    }

    private static String redactQuery(String url, Set<String> params) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        int hash = url.indexOf('#', q);
        int end = hash < 0 ? url.length() : hash;
        StringBuilder out = new StringBuilder(url.length()).append(url, 0, q + 1);
        int i = q + 1;
        while (i <= end) {
            int amp = url.indexOf('&', i);
            int partEnd = amp < 0 || amp > end ? end : amp;
            String part = url.substring(i, partEnd);
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            out.append(eq >= 0 && params.contains(name) ? name + "=" + REDACTED : part);
            if (partEnd < end) {
                out.append('&');
            }
            i = partEnd + 1;
        }
        return out.append(url, end, url.length()).toString();
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
