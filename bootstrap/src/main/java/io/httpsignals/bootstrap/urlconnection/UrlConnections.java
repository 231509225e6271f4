package io.httpsignals.bootstrap.urlconnection;

import io.httpsignals.api.ClientKind;
import io.httpsignals.bootstrap.Addresses;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.support.CallDepth;
import io.httpsignals.bootstrap.support.WeakIdentityMap;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLSession;

/**
 * The entry points of the {@code HttpURLConnection} advice. Two kinds of JDK objects carry the state: the
 * {@code sun.net.www.protocol.http.HttpURLConnection} instance (for HTTPS the inner
 * {@code DelegateHttpsURLConnection}) is the request, and the {@code sun.net.www.http.HttpClient} it currently
 * uses is the connection. Everything up to the response runs on the caller's thread, so the only thread-local
 * state bridges the two short windows where the JDK works on a connection that has no owner yet:
 * {@code HttpClient.New} (which opens new connections in a constructor) and {@code NetworkClient.doConnect}
 * (whose DNS lookup happens in {@code new InetSocketAddress(host, port)}).
 *
 * <p>Every method is called only after the advice saw {@link SignalBus#active()}. The advice declares JDK
 * internals as {@code Object} in its signatures: Byte Buddy resolves those signatures while the hooked class is
 * being defined, and naming a {@code sun.net} class there would load it untransformed (or circularly).
 */
public final class UrlConnections {

    static final String PROTOCOL = "HTTP/1.1";

    private static final WeakIdentityMap<Object, UrlConnectionRequest> REQUESTS = new WeakIdentityMap<>();
    private static final WeakIdentityMap<Object, HttpConnectionState> CONNECTIONS = new WeakIdentityMap<>();
    /** Stands for "no outer value" in the tokens the advice hands back, so {@code null} can mean "not entered". */
    private static final Object NONE = new Object();
    /** [request] while {@code HttpClient.New} / {@code HttpsClient.New} runs for a traced request. */
    private static final ThreadLocal<Object[]> ACQUIRING = ThreadLocal.withInitial(() -> new Object[1]);
    /** [request, host, dnsStarted] while {@code NetworkClient.doConnect(host, port)} runs for a traced request. */
    private static final ThreadLocal<Object[]> CONNECTING = ThreadLocal.withInitial(() -> new Object[3]);
    /** [protocol, authority, file, ref, string] of the last URL a request of this thread started with. */
    private static final ThreadLocal<String[]> LAST_URL = ThreadLocal.withInitial(() -> new String[5]);
    /** {@code parseHTTP} calls itself when it resends a request: only the outermost call reports. */
    private static final CallDepth PARSE_DEPTH = new CallDepth();

    private UrlConnections() {
    }

    // ------------------------------------------------------------------ the HttpURLConnection (request) side

    /** Whether {@code plainConnect0} on this instance begins a new request (not a redirect or retry hop). */
    public static boolean needsStart(Object huc) {
        UrlConnectionRequest r = REQUESTS.get(huc);
        return r == null || r.isEnded();
    }

    public static void start(Object huc, String method, String url, Map<String, List<String>> headers) {
        try {
            Trace trace = SignalBus.requestStart(ClientKind.JDK_URLCONNECTION, method, url, withoutStatusLine(headers));
            if (trace != null) {
                REQUESTS.put(huc, new UrlConnectionRequest(trace));
            }
        } catch (Throwable ignored) {
            // never reaches the application
        }
    }

    /**
     * {@code url.toString()}, which builds a new string on every call, reused while the thread's requests go to the
     * same URL (compared part by part: applications often make a new {@code URL} object per request). Only strings
     * are kept, never the {@code URL}.
     */
    public static String urlString(URL url) {
        if (url == null) {
            return null;
        }
        String[] last = LAST_URL.get();
        String protocol = url.getProtocol();
        String authority = url.getAuthority();
        String file = url.getFile();
        String ref = url.getRef();
        if (last[4] != null && Objects.equals(protocol, last[0]) && Objects.equals(authority, last[1])
                && Objects.equals(file, last[2]) && Objects.equals(ref, last[3])) {
            return last[4];
        }
        String text = url.toString();
        last[0] = protocol;
        last[1] = authority;
        last[2] = file;
        last[3] = ref;
        last[4] = text;
        return text;
    }

    /** The headers listeners added at request start, or {@code null}. */
    public static Map<String, List<String>> injectedHeaders(Object huc) {
        UrlConnectionRequest r = REQUESTS.get(huc);
        return r == null || r.isEnded() ? null : r.trace.injectedHeaders();
    }

    public static void failed(Object huc, Throwable error) {
        UrlConnectionRequest r = REQUESTS.get(huc);
        if (r != null && error != null) {
            r.failed(error);
        }
    }

    public static void responseDelivered(Object huc, int status, boolean bodyAlreadyDone) {
        UrlConnectionRequest r = REQUESTS.get(huc);
        if (r != null && !r.isEnded()) {
            r.responseDelivered(status, bodyAlreadyDone);
        }
    }

    public static void redirecting(Object huc, int status, String location) {
        UrlConnectionRequest r = REQUESTS.get(huc);
        if (r != null) {
            r.redirecting(status, location);
        }
    }

    public static void redirectFollowed(Object huc, boolean followed) {
        UrlConnectionRequest r = REQUESTS.get(huc);
        if (r != null) {
            r.redirectFollowed(followed);
        }
    }

    public static void disconnected(Object huc) {
        UrlConnectionRequest r = REQUESTS.get(huc);
        if (r != null) {
            r.disconnected();
        }
    }

    /** {@code HttpInputStream.read} returned {@code n} (-1 at the end of the body). */
    public static void bodyRead(Object huc, int n) {
        UrlConnectionRequest r = REQUESTS.get(huc);
        if (r != null) {
            r.bodyRead(n);
        }
    }

    public static void bodyClosed(Object huc) {
        UrlConnectionRequest r = REQUESTS.get(huc);
        if (r != null) {
            r.finishBody();
        }
    }

    /** The application wrote {@code n} bytes to the streaming (fixed-length or chunked) request body. */
    public static void bodyWritten(Object huc, long n) {
        UrlConnectionRequest r = REQUESTS.get(huc);
        if (r != null && n > 0) {
            SignalBus.requestChunkSent(r.trace, n);
        }
    }

    // ------------------------------------------------------------------ the HttpClient (connection) side

    /** Enter of {@code HttpClient.New}: connections opened until {@link #exitNew} belong to {@code huc}'s request. */
    public static Object enterNew(Object huc) {
        Object[] slot = ACQUIRING.get();
        Object previous = slot[0];
        UrlConnectionRequest r = huc == null ? null : REQUESTS.get(huc);
        slot[0] = r != null && !r.isEnded() ? r : null;
        return previous == null ? NONE : previous;
    }

    /** Exit of {@code HttpClient.New}: a connection taken from the keep-alive cache is a reuse. */
    public static void exitNew(Object token, Object client, boolean cached) {
        Object[] slot = ACQUIRING.get();
        UrlConnectionRequest r = (UrlConnectionRequest) slot[0];
        slot[0] = token == NONE ? null : token;
        if (r == null || client == null || !cached || r.isEnded()) {
            return;
        }
        HttpConnectionState c = CONNECTIONS.get(client);
        if (c == null) {
            // opened while no listener was enabled: number it now, its peer is unknown
            c = new HttpConnectionState(SignalBus.nextConnectionId());
            CONNECTIONS.put(client, c);
        }
        r.beginAcquisition(c, r.retryReason());
        c.established = true;
        SignalBus.connectionReused(r.trace, c.id, c.remoteAddress, PROTOCOL);
    }

    /**
     * Enter of {@code HttpClient.openServer()}: a new connection (from the constructor), or the JDK reopening a
     * connection in place to resend a request. Returns whether the exit must report.
     */
    public static boolean openingServer(Object client) {
        try {
            HttpConnectionState c = CONNECTIONS.get(client);
            UrlConnectionRequest r;
            String reason;
            if (c == null) {
                r = (UrlConnectionRequest) ACQUIRING.get()[0];
                if (r == null) {
                    return false;
                }
                c = new HttpConnectionState(SignalBus.nextConnectionId());
                CONNECTIONS.put(client, c);
                reason = r.retryReason();
            } else {
                // the JDK reopens the same HttpClient on a new socket to resend the request: a new connection
                r = c.owner != null ? c.owner : c.lastOwner;
                reason = "the connection failed before the response; the JDK resent the request";
                c = new HttpConnectionState(SignalBus.nextConnectionId());
                CONNECTIONS.put(client, c);
            }
            if (r == null || r.isEnded()) {
                return false;
            }
            r.beginAcquisition(c, reason);
            SignalBus.connectionCreateStart(r.trace);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    /** Exit of {@code openServer()}: plain HTTP is ready now; HTTPS still needs its handshake. */
    public static void serverOpened(Object client, boolean https, Socket socket, Throwable error) {
        HttpConnectionState c = CONNECTIONS.get(client);
        UrlConnectionRequest r = c == null ? null : c.owner;
        if (r == null) {
            return;
        }
        c.remoteAddress = remoteAddress(socket);
        if (error != null || !https) {
            c.established = error == null;
            SignalBus.connectionCreateEnd(r.trace, c.id, c.remoteAddress, PROTOCOL, error);
        }
    }

    /** Enter of {@code NetworkClient.doConnect(host, port)}. Returns whether the exit must report. */
    public static boolean connecting(Object client, String host) {
        HttpConnectionState c = CONNECTIONS.get(client);
        UrlConnectionRequest r = c == null ? null : c.owner;
        if (r == null || r.isEnded()) {
            return false;
        }
        Object[] slot = CONNECTING.get();
        slot[0] = r;
        slot[1] = host;
        slot[2] = null;
        return true;
    }

    public static void connected(Object client, Throwable error) {
        Object[] slot = CONNECTING.get();
        slot[0] = null;
        slot[1] = null;
        HttpConnectionState c = CONNECTIONS.get(client);
        UrlConnectionRequest r = c == null ? null : c.owner;
        if (r != null) {
            SignalBus.connectEnd(r.trace, null, error);
        }
    }

    /** Enter of {@code new InetSocketAddress(host, port)}: the name lookup of {@code doConnect}, unless a literal. */
    public static void resolving(String host) {
        Object[] slot = CONNECTING.get();
        if (slot[0] == null || host == null || !host.equals(slot[1]) || isIpLiteral(host)) {
            return;
        }
        slot[2] = Boolean.TRUE;
        SignalBus.dnsStart(((UrlConnectionRequest) slot[0]).trace, host);
    }

    /** Exit of {@code new InetSocketAddress(host, port)}: the lookup ended, the TCP connect begins. */
    public static void resolved(String host, Object createdAddress) {
        Object[] slot = CONNECTING.get();
        if (slot[0] == null || host == null || !host.equals(slot[1])) {
            return;
        }
        Trace trace = ((UrlConnectionRequest) slot[0]).trace;
        InetSocketAddress address = (InetSocketAddress) createdAddress;
        boolean dns = slot[2] != null;
        slot[1] = null; // only this one address belongs to doConnect
        slot[2] = null;
        boolean unresolved = address == null || address.isUnresolved();
        if (dns) {
            SignalBus.dnsEnd(trace, host, unresolved ? null : List.of(address.getAddress()),
                    unresolved ? new UnknownHostException(host) : null);
        }
        if (!unresolved) {
            SignalBus.connectStart(trace, Addresses.format(address));
        }
    }

    /** Enter of {@code HttpsClient.afterConnect()}. Returns whether the exit must report. */
    public static boolean tlsStarting(Object client, boolean cachedConnection) {
        if (cachedConnection) {
            return false;
        }
        HttpConnectionState c = CONNECTIONS.get(client);
        UrlConnectionRequest r = c == null ? null : c.owner;
        if (r == null || r.isEnded()) {
            return false;
        }
        SignalBus.tlsStart(r.trace);
        return true;
    }

    public static void tlsDone(Object client, SSLSession session, Socket socket, Throwable error) {
        HttpConnectionState c = CONNECTIONS.get(client);
        UrlConnectionRequest r = c == null ? null : c.owner;
        if (r == null) {
            return;
        }
        SignalBus.tlsEnd(r.trace, session == null ? null : session.getProtocol(),
                session == null ? null : session.getCipherSuite(), null, error);
        String address = remoteAddress(socket);
        if (address != null) {
            c.remoteAddress = address;
        }
        c.established = error == null;
        SignalBus.connectionCreateEnd(r.trace, c.id, c.remoteAddress, PROTOCOL, error);
    }

    /** The trace of the request that owns {@code client}, for the advice's {@code wants} checks; may be null. */
    public static Trace ownerTrace(Object client) {
        HttpConnectionState c = CONNECTIONS.get(client);
        UrlConnectionRequest r = c == null ? null : c.owner;
        return r == null ? null : r.trace;
    }

    /** Exit of {@code HttpClient.writeRequests(head, poster)}: the head and a buffered body were written. */
    public static void headersWritten(Object client, Map<String, List<String>> headers, long bufferedBodyBytes) {
        HttpConnectionState c = CONNECTIONS.get(client);
        UrlConnectionRequest r = c == null ? null : c.owner;
        if (r != null) {
            r.headersSent(c, withoutStatusLine(headers), bufferedBodyBytes);
        }
    }

    /** Enter of {@code parseHTTP}: 0 for the outermost call, which alone reports. */
    public static int enterParse() {
        return PARSE_DEPTH.enter();
    }

    /** Exit of the outermost {@code parseHTTP}: the response head was read. */
    public static void exitParse(Object client, String statusLine, Map<String, List<String>> headers,
                                 boolean keepAlive) {
        PARSE_DEPTH.exit();
        HttpConnectionState c = CONNECTIONS.get(client);
        UrlConnectionRequest r = c == null ? null : c.owner;
        if (r == null) {
            return;
        }
        c.keepAlive = keepAlive;
        int status = statusOf(statusLine);
        if (status > 0) {
            SignalBus.responseHeadersReceived(r.trace, status, protocolOf(statusLine), withoutStatusLine(headers));
        }
    }

    public static void exitNestedParse() {
        PARSE_DEPTH.exit();
    }

    /** {@code KeepAliveCache.put} (kept alive) or {@code HttpClient.closeServer()} (closed). */
    public static void releasing(Object client, boolean keptAlive) {
        HttpConnectionState c = CONNECTIONS.get(client);
        UrlConnectionRequest r = c == null ? null : c.owner;
        if (r == null) {
            return;
        }
        c.owner = null;
        if (keptAlive) {
            c.lastOwner = null; // only a connection just closed is reopened in place for the same request
        }
        boolean wasEstablished = c.established;
        c.established = false;
        if (wasEstablished) { // a connection that failed to open was never acquired: nothing to release
            r.released(c, keptAlive);
        }
    }

    // ------------------------------------------------------------------ helpers

    static String remoteAddress(Socket socket) {
        return socket == null ? null : Addresses.format(socket.getRemoteSocketAddress());
    }

    /** The JDK keeps the request or status line under a {@code null} key; listeners get header fields only. */
    static Map<String, List<String>> withoutStatusLine(Map<String, List<String>> headers) {
        if (headers == null) {
            return null;
        }
        boolean statusLine;
        try {
            statusLine = headers.containsKey(null); // the JDK's maps are hash maps: no iterator needed
        } catch (NullPointerException e) {
            statusLine = false; // a map that rejects null keys has none
        }
        return statusLine ? new WithoutStatusLine(headers) : headers;
    }

    static int statusOf(String statusLine) {
        if (statusLine == null || !statusLine.startsWith("HTTP/")) {
            return -1;
        }
        int space = statusLine.indexOf(' ');
        if (space < 0) {
            return -1;
        }
        while (space < statusLine.length() && statusLine.charAt(space) == ' ') {
            space++;
        }
        if (space + 3 > statusLine.length()) {
            return -1;
        }
        int code = 0;
        for (int i = space; i < space + 3; i++) {
            char ch = statusLine.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            code = code * 10 + (ch - '0');
        }
        return code;
    }

    static String protocolOf(String statusLine) {
        int space = statusLine.indexOf(' ');
        if (space == PROTOCOL.length() && statusLine.startsWith(PROTOCOL)) {
            return PROTOCOL; // the usual answer, without a new string per response
        }
        return space > 0 ? statusLine.substring(0, space) : PROTOCOL;
    }

    /** IPv4 dotted digits or anything with a colon (IPv6): {@code InetAddress} parses these without a lookup. */
    static boolean isIpLiteral(String host) {
        if (host.isEmpty()) {
            return false;
        }
        if (host.indexOf(':') >= 0 || host.charAt(0) == '[') {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char ch = host.charAt(i);
            if ((ch < '0' || ch > '9') && ch != '.') {
                return false;
            }
        }
        return true;
    }
}
