package io.httpsignals.otel;

import java.net.URI;

/** One exchange of a logical request: the first, or one after a redirect or a retry, and the server it goes to. */
final class Hop {

    final int index;
    final String url;
    private boolean parsed;
    private String host;
    private int port = -1;
    private String scheme;

    Hop(int index, String url) {
        this.index = index;
        this.url = url;
    }

    /** The next hop: {@code location} resolved against this hop's URL (a redirect), or this URL again (a retry). */
    Hop next(String location) {
        String target = url;
        if (location != null && !location.isEmpty()) {
            try {
                target = URI.create(url).resolve(location).toString();
            } catch (IllegalArgumentException e) {
                target = location;
            }
        }
        return new Hop(index + 1, target);
    }

    String host() {
        parse();
        return host;
    }

    int port() {
        parse();
        return port;
    }

    String scheme() {
        parse();
        return scheme;
    }

    private void parse() {
        if (parsed) {
            return;
        }
        parsed = true;
        try {
            URI uri = URI.create(url);
            scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            host = uri.getHost();
            if (host != null && host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            port = uri.getPort();
            if (port < 0) {
                port = "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
            }
        } catch (IllegalArgumentException e) {
            // a URL the client accepted but URI does not: no server attributes rather than a failure
        }
    }
}
