package io.httpsignals.agent.listeners;

import java.util.Locale;

/** Finds the {@code host[:port]} part of a request URL in place, so callers can compare it without copying it. */
public final class UrlHost {

    private UrlHost() {
    }

    /** The index after {@code scheme://} and any {@code user@}. */
    public static int start(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = end(url, start);
        int at = url.lastIndexOf('@', end - 1);
        return at >= start ? at + 1 : start;
    }

    /** The index of the first {@code /}, {@code ?} or {@code #} after {@code start}, or the URL's length. */
    public static int end(String url, int start) {
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return url.length();
    }

    /** {@code host[:port]} of {@code url}, lower case. */
    public static String of(String url) {
        int start = start(url);
        return url.substring(start, end(url, start)).toLowerCase(Locale.ROOT);
    }
}
