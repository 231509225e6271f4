package io.httpsignals.agent.listeners;

import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.RequestTrace;
import io.httpsignals.bootstrap.SignalInterest;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * A listener that times a request's phases into its {@link RequestPhases} context and acts once the request is
 * over. Subclasses that override a phase callback call {@code super} first. Only the signals that carry timing are
 * overridden here: not {@code request_start} nor {@code request_headers_sent}, whose header maps cost the most;
 * and it never reads the headers of {@code response_headers_received}, so hooks need not build them for it.
 *
 * @param <C> the context type; {@code null} contexts are ignored (a listener may opt out of a request)
 */
public abstract class PhaseTrackingListener<C extends RequestPhases>
        implements HttpSignalListener<C>, SignalInterest.IgnoresHeaders {

    @Override
    public abstract C newContext(RequestTrace trace);

    /** The request ended ({@code error == null}, {@code phases.status()} set) or failed. */
    protected abstract void finished(RequestTrace trace, C phases, Throwable error);

    @Override
    public void onConnectionQueuedStart(RequestTrace trace, C context, long timeNanos, int leased, int pending,
                                        int max) {
        if (context != null) {
            context.queuedStart(timeNanos);
        }
    }

    @Override
    public void onConnectionQueuedEnd(RequestTrace trace, C context, long timeNanos, Throwable error) {
        if (context != null) {
            context.queuedEnd(timeNanos);
        }
    }

    @Override
    public void onConnectionReused(RequestTrace trace, C context, long timeNanos, long connectionId,
                                   String remoteAddress, String protocol) {
        if (context != null) {
            context.reused(connectionId, remoteAddress);
        }
    }

    @Override
    public void onConnectionCreateEnd(RequestTrace trace, C context, long timeNanos, long connectionId,
                                      String remoteAddress, String protocol, Throwable error) {
        if (context != null) {
            context.created(connectionId, remoteAddress, error);
        }
    }

    @Override
    public void onDnsResolveHostStart(RequestTrace trace, C context, long timeNanos, String host) {
        if (context != null) {
            context.dnsStart(timeNanos);
        }
    }

    @Override
    public void onDnsResolveHostEnd(RequestTrace trace, C context, long timeNanos, String host,
                                    List<InetAddress> addresses, Throwable error) {
        if (context != null) {
            context.dnsEnd(timeNanos);
        }
    }

    @Override
    public void onConnectStart(RequestTrace trace, C context, long timeNanos, String address) {
        if (context != null) {
            context.connectStart(timeNanos);
        }
    }

    @Override
    public void onConnectEnd(RequestTrace trace, C context, long timeNanos, String address, Throwable error) {
        if (context != null) {
            context.connectEnd(timeNanos);
        }
    }

    @Override
    public void onTlsHandshakeStart(RequestTrace trace, C context, long timeNanos) {
        if (context != null) {
            context.tlsStart(timeNanos);
        }
    }

    @Override
    public void onTlsHandshakeEnd(RequestTrace trace, C context, long timeNanos, String tlsVersion,
                                  String cipherSuite, String alpn, Throwable error) {
        if (context != null) {
            context.tlsEnd(timeNanos);
        }
    }

    @Override
    public void onResponseHeadersReceived(RequestTrace trace, C context, long timeNanos, int status,
                                          String protocol, Map<String, List<String>> headers) {
        if (context != null) {
            context.responseHeaders(timeNanos, status);
        }
    }

    @Override
    public void onRequestEnd(RequestTrace trace, C context, long timeNanos, int status, long bytesSent,
                             long bytesReceived) {
        if (context != null) {
            context.ended(timeNanos, status);
            finished(trace, context, null);
        }
    }

    @Override
    public void onRequestException(RequestTrace trace, C context, long timeNanos, Throwable error) {
        if (context != null) {
            context.failed(timeNanos);
            finished(trace, context, error);
        }
    }
}
