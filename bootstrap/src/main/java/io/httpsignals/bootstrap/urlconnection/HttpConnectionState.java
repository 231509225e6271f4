package io.httpsignals.bootstrap.urlconnection;

/**
 * What the agent knows about one {@code sun.net.www.http.HttpClient} (one TCP connection, possibly reopened in
 * place by the JDK's silent retry): its id and peer, and which request owns it between acquisition and release.
 */
final class HttpConnectionState {

    final long id;
    volatile String remoteAddress;
    /** The request using the connection now; {@code null} while it idles in the keep-alive cache. */
    volatile UrlConnectionRequest owner;
    /** The last owner, for the JDK's in-place reconnect after it closed the connection. */
    volatile UrlConnectionRequest lastOwner;
    /** Open and usable (created or reused without error) and not yet released. */
    volatile boolean established;
    /** Whether the last response left the connection persistent (otherwise the JDK closes the socket itself). */
    volatile boolean keepAlive;

    HttpConnectionState(long id) {
        this.id = id;
    }

    void own(UrlConnectionRequest request) {
        owner = request;
        lastOwner = request;
    }
}
