package io.httpsignals.agent.listeners.summary;

import io.httpsignals.agent.listeners.UrlHost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@link HostStats} of each client kind and host, found from a request's URL without allocating: the host is
 * compared in place inside the URL. New hosts are added under a lock by copying the (small) table, so lookups
 * read an immutable array. At most {@link #MAX_HOSTS} entries, then everything else goes to one {@code (other)}
 * entry per client kind, so memory stays bounded whatever URLs the application calls.
 */
final class HostTable {

    static final int MAX_HOSTS = 256;
    static final String OTHER = "(other)";

    final HostStats all = new HostStats("all", "all", null);
    private volatile HostStats[] entries = new HostStats[0];

    HostStats lookup(String client, String url) {
        int start = UrlHost.start(url);
        int end = UrlHost.end(url, start);
        HostStats found = find(entries, client, url, start, end);
        return found != null ? found : add(client, url, start, end);
    }

    private static HostStats find(HostStats[] table, String client, String url, int start, int end) {
        int length = end - start;
        for (HostStats s : table) {
            // kinds are constants of ClientKind, so identity is the common match; equals covers the rest
            if ((s.client == client || s.client.equals(client)) && s.host.length() == length
                    && url.regionMatches(true, start, s.host, 0, length)) {
                return s;
            }
        }
        return null;
    }

    private synchronized HostStats add(String client, String url, int start, int end) {
        HostStats[] table = entries;
        HostStats found = find(table, client, url, start, end);
        if (found != null) {
            return found;
        }
        String host = table.length < MAX_HOSTS ? url.substring(start, end).toLowerCase(Locale.ROOT) : OTHER;
        if (host.equals(OTHER)) {
            found = find(table, client, OTHER, 0, OTHER.length());
            if (found != null) {
                return found;
            }
        }
        HostStats created = new HostStats(client, host, all);
        HostStats[] grown = Arrays.copyOf(table, table.length + 1);
        grown[table.length] = created;
        entries = grown;
        return created;
    }

    List<HostStats> entries() {
        return new ArrayList<>(List.of(entries));
    }
}
