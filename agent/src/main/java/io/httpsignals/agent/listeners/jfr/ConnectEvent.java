package io.httpsignals.agent.listeners.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A TCP connect to one address for a request's new connection. */
@Name("httpsignals.Connect")
@Label("HTTP Connect")
@Category("httpsignals")
@Description("A TCP connect to one address for a request's new connection.")
@StackTrace(false)
public final class ConnectEvent extends Event {

    /** Allocated once to ask whether a recording wants this event, so nothing is built when none does. */
    static final ConnectEvent PROBE = new ConnectEvent();

    @Label("Request Id")
    @Description("JVM-unique id of the request; the phase events carry it too")
    long requestId;

    @Label("Client")
    String client;

    @Label("Host")
    String host;

    @Label("Address")
    String address;

    @Label("Error")
    String error;
}
