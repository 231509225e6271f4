package io.httpsignals.agent.listeners.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The TLS handshake of a request's new connection. */
@Name("httpsignals.TlsHandshake")
@Label("HTTP TLS Handshake")
@Category("httpsignals")
@Description("The TLS handshake of a request's new connection.")
@StackTrace(false)
public final class TlsHandshakeEvent extends Event {

    /** Allocated once to ask whether a recording wants this event, so nothing is built when none does. */
    static final TlsHandshakeEvent PROBE = new TlsHandshakeEvent();

    @Label("Request Id")
    @Description("JVM-unique id of the request; the phase events carry it too")
    long requestId;

    @Label("Client")
    String client;

    @Label("Host")
    String host;

    @Label("TLS Version")
    String tlsVersion;

    @Label("Cipher Suite")
    String cipherSuite;

    @Label("ALPN")
    String alpn;

    @Label("Error")
    String error;
}
