package io.httpsignals.agent.listeners.jfr;

import io.httpsignals.agent.listeners.PhaseTrackingListener;
import io.httpsignals.agent.listeners.RequestPhases;
import io.httpsignals.agent.listeners.UrlHost;
import io.httpsignals.api.RequestTrace;

import java.net.InetAddress;
import java.util.List;

/**
 * The {@code jfr} listener: a {@code httpsignals.Request} event per request and an event per DNS lookup, connect,
 * TLS handshake and pool wait, for JDK Flight Recorder. An event is begun at its start signal and committed at its
 * end signal, so JFR's own start time and duration are those of the phase. When no recording wants any of these
 * events, {@link #newContext} returns {@code null} and every callback returns at once: no allocation, no work.
 */
final class JfrListener extends PhaseTrackingListener<JfrListener.Context> {

    static final class Context extends RequestPhases {
        final String host;
        RequestEvent request;
        PoolWaitEvent poolWait;
        DnsLookupEvent dns;
        ConnectEvent connect;
        TlsHandshakeEvent tls;

        Context(String host) {
            this.host = host;
        }
    }

    @Override
    public Context newContext(RequestTrace trace) {
        if (!RequestEvent.PROBE.isEnabled() && !DnsLookupEvent.PROBE.isEnabled()
                && !ConnectEvent.PROBE.isEnabled() && !TlsHandshakeEvent.PROBE.isEnabled()
                && !PoolWaitEvent.PROBE.isEnabled()) {
            return null;
        }
        Context c = new Context(UrlHost.of(trace.url()));
        if (RequestEvent.PROBE.isEnabled()) {
            RequestEvent e = new RequestEvent();
            e.begin();
            c.request = e;
        }
        return c;
    }

    @Override
    public void onConnectionQueuedStart(RequestTrace trace, Context context, long timeNanos, int leased,
                                        int pending, int max) {
        super.onConnectionQueuedStart(trace, context, timeNanos, leased, pending, max);
        if (context != null && PoolWaitEvent.PROBE.isEnabled()) {
            PoolWaitEvent e = new PoolWaitEvent();
            e.leased = leased;
            e.pending = pending;
            e.max = max;
            e.begin();
            context.poolWait = e;
        }
    }

    @Override
    public void onConnectionQueuedEnd(RequestTrace trace, Context context, long timeNanos, Throwable error) {
        super.onConnectionQueuedEnd(trace, context, timeNanos, error);
        if (context != null && context.poolWait != null) {
            PoolWaitEvent e = context.poolWait;
            context.poolWait = null;
            e.end();
            if (e.shouldCommit()) {
                identify(e, trace, context);
                e.error = describe(error);
                e.commit();
            }
        }
    }

    @Override
    public void onDnsResolveHostStart(RequestTrace trace, Context context, long timeNanos, String host) {
        super.onDnsResolveHostStart(trace, context, timeNanos, host);
        if (context != null && DnsLookupEvent.PROBE.isEnabled()) {
            DnsLookupEvent e = new DnsLookupEvent();
            e.begin();
            context.dns = e;
        }
    }

    @Override
    public void onDnsResolveHostEnd(RequestTrace trace, Context context, long timeNanos, String host,
                                    List<InetAddress> addresses, Throwable error) {
        super.onDnsResolveHostEnd(trace, context, timeNanos, host, addresses, error);
        if (context != null && context.dns != null) {
            DnsLookupEvent e = context.dns;
            context.dns = null;
            e.end();
            if (e.shouldCommit()) {
                identify(e, trace, context);
                e.host = host; // the name looked up, without the port
                if (addresses != null) {
                    StringBuilder b = new StringBuilder();
                    for (InetAddress a : addresses) {
                        b.append(b.length() == 0 ? "" : ",").append(a.getHostAddress());
                    }
                    e.addresses = b.toString();
                }
                e.error = describe(error);
                e.commit();
            }
        }
    }

    @Override
    public void onConnectStart(RequestTrace trace, Context context, long timeNanos, String address) {
        super.onConnectStart(trace, context, timeNanos, address);
        if (context != null && ConnectEvent.PROBE.isEnabled()) {
            ConnectEvent e = new ConnectEvent();
            e.begin();
            context.connect = e;
        }
    }

    @Override
    public void onConnectEnd(RequestTrace trace, Context context, long timeNanos, String address, Throwable error) {
        super.onConnectEnd(trace, context, timeNanos, address, error);
        if (context != null && context.connect != null) {
            ConnectEvent e = context.connect;
            context.connect = null;
            e.end();
            if (e.shouldCommit()) {
                identify(e, trace, context);
                e.address = address;
                e.error = describe(error);
                e.commit();
            }
        }
    }

    @Override
    public void onTlsHandshakeStart(RequestTrace trace, Context context, long timeNanos) {
        super.onTlsHandshakeStart(trace, context, timeNanos);
        if (context != null && TlsHandshakeEvent.PROBE.isEnabled()) {
            TlsHandshakeEvent e = new TlsHandshakeEvent();
            e.begin();
            context.tls = e;
        }
    }

    @Override
    public void onTlsHandshakeEnd(RequestTrace trace, Context context, long timeNanos, String tlsVersion,
                                  String cipherSuite, String alpn, Throwable error) {
        super.onTlsHandshakeEnd(trace, context, timeNanos, tlsVersion, cipherSuite, alpn, error);
        if (context != null && context.tls != null) {
            TlsHandshakeEvent e = context.tls;
            context.tls = null;
            e.end();
            if (e.shouldCommit()) {
                identify(e, trace, context);
                e.tlsVersion = tlsVersion;
                e.cipherSuite = cipherSuite;
                e.alpn = alpn;
                e.error = describe(error);
                e.commit();
            }
        }
    }

    @Override
    protected void finished(RequestTrace trace, Context c, Throwable error) {
        RequestEvent e = c.request;
        if (e == null) {
            return;
        }
        c.request = null;
        e.end();
        if (!e.shouldCommit()) {
            return;
        }
        e.requestId = trace.id();
        e.client = trace.client();
        e.host = c.host;
        e.method = trace.method();
        e.url = trace.url();
        e.status = error == null ? c.status() : -1;
        e.error = describe(error);
        e.connectionId = c.connectionId();
        e.remoteAddress = c.remoteAddress();
        e.reused = c.connection() == RequestPhases.CONNECTION_REUSED;
        e.poolWait = c.queueNanos();
        e.dns = c.dnsNanos();
        e.connect = c.connectNanos();
        e.tls = c.tlsNanos();
        e.timeToFirstByte = c.firstByteNanos(trace);
        e.commit();
    }

    private static void identify(PoolWaitEvent e, RequestTrace trace, Context c) {
        e.requestId = trace.id();
        e.client = trace.client();
        e.host = c.host;
    }

    private static void identify(DnsLookupEvent e, RequestTrace trace, Context c) {
        e.requestId = trace.id();
        e.client = trace.client();
        e.host = c.host;
    }

    private static void identify(ConnectEvent e, RequestTrace trace, Context c) {
        e.requestId = trace.id();
        e.client = trace.client();
        e.host = c.host;
    }

    private static void identify(TlsHandshakeEvent e, RequestTrace trace, Context c) {
        e.requestId = trace.id();
        e.client = trace.client();
        e.host = c.host;
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return null;
        }
        String message = error.getMessage();
        return message == null ? error.getClass().getName() : error.getClass().getName() + ": " + message;
    }
}
