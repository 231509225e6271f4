package io.httpsignals.bootstrap.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One logical request made through one {@code HttpURLConnection} instance: the trace plus the hop bookkeeping
 * that turns the JDK's internal reconnects, redirects and authentication rounds into well-formed hops.
 * Guarded by its own monitor: the response body may be read on another thread than the one that connected.
 */
final class UrlConnectionRequest {

    // one is made per observed request: the statuses are shorts and the injected headers stay in the trace, which
    // keeps this at 32 bytes instead of 40
    final Trace trace;

    private boolean hopAcquired;
    private boolean hopHeadersSent;
    private short redirectStatus;
    private String redirectLocation;
    /** The response was handed to the application; from now on only the body and the terminal signal remain. */
    private boolean bodyPhase;
    private short status = -1;
    private HttpConnectionState connection;

    UrlConnectionRequest(Trace trace) {
        this.trace = trace;
    }

    boolean isEnded() {
        return trace.isEnded();
    }

    /**
     * A connection is about to be taken for this request: a redirect or retry remembered earlier opens a new hop
     * first, so the hop's signals follow the grammar.
     */
    synchronized void beginAcquisition(HttpConnectionState conn, String retryReason) {
        if (redirectLocation != null) {
            SignalBus.requestRedirect(trace, redirectStatus, redirectLocation);
            redirectLocation = null;
        } else if (hopAcquired) {
            SignalBus.requestRetry(trace, retryReason);
        }
        hopAcquired = true;
        hopHeadersSent = false;
        connection = conn;
        conn.own(this);
    }

    /** The JDK sends a second request head on the same connection (authentication round): a new hop. */
    synchronized void headersSent(HttpConnectionState conn, Map<String, List<String>> headers, long bodyBytes) {
        if (hopHeadersSent) {
            beginAcquisition(conn, retryReason());
            SignalBus.connectionReused(trace, conn.id, conn.remoteAddress, UrlConnections.PROTOCOL);
        }
        hopHeadersSent = true;
        SignalBus.requestHeadersSent(trace, headers);
        if (bodyBytes > 0) {
            SignalBus.requestChunkSent(trace, bodyBytes);
        }
    }

    synchronized String retryReason() {
        int last = trace.lastStatus();
        return last == 401 || last == 407 ? "authentication (HTTP " + last + ")" : "connection failed";
    }

    synchronized void redirecting(int status, String location) {
        redirectStatus = (short) status;
        redirectLocation = location;
    }

    /** followRedirect0 returned: a redirect not yet announced (no new connection was needed) is announced now. */
    synchronized void redirectFollowed(boolean followed) {
        if (redirectLocation != null && followed) {
            SignalBus.requestRedirect(trace, redirectStatus, redirectLocation);
            hopAcquired = false;
            hopHeadersSent = false;
        }
        redirectLocation = null;
    }

    /**
     * getInputStream0 returned the response (or threw because of an HTTP error status): the body is what remains.
     * {@code bodyAlreadyDone} when the JDK found no body and released the connection at once.
     */
    synchronized void responseDelivered(int status, boolean bodyAlreadyDone) {
        if (bodyPhase) {
            return;
        }
        bodyPhase = true;
        this.status = (short) status;
        if (bodyAlreadyDone) {
            SignalBus.requestEnd(trace, status);
        }
    }

    synchronized void released(HttpConnectionState conn, boolean keptAlive) {
        SignalBus.connectionReleased(trace, conn.id, keptAlive);
    }

    synchronized void bodyRead(int n) {
        if (!bodyPhase) {
            return;
        }
        if (n > 0) {
            SignalBus.responseChunkReceived(trace, n);
        }
        if (n < 0) {
            finishBody();
        }
    }

    /** The body reached its end, was closed, or the application disconnected. */
    synchronized void finishBody() {
        if (!bodyPhase || trace.isEnded()) {
            return;
        }
        HttpConnectionState conn = connection;
        if (conn != null && conn.owner == this && !conn.keepAlive) {
            // a non-persistent connection: the JDK closes its socket with the body stream, not via closeServer
            conn.owner = null;
            SignalBus.connectionReleased(trace, conn.id, false);
        }
        SignalBus.requestEnd(trace, status);
    }

    synchronized void disconnected() {
        if (bodyPhase) {
            finishBody();
        } else if (!trace.isEnded()) {
            SignalBus.requestException(trace,
                    new IOException("HttpURLConnection.disconnect() before the response was received"));
        }
    }

    void failed(Throwable error) {
        SignalBus.requestException(trace, error);
    }
}
