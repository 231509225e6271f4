package io.httpsignals.agent.listeners.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A host name lookup made for a request's new connection. */
@Name("httpsignals.DnsLookup")
@Label("HTTP DNS Lookup")
@Category("httpsignals")
@Description("A host name lookup made for a request's new connection.")
@StackTrace(false)
public final class DnsLookupEvent extends Event {

    /** Allocated once to ask whether a recording wants this event, so nothing is built when none does. */
    static final DnsLookupEvent PROBE = new DnsLookupEvent();

    @Label("Request Id")
    @Description("JVM-unique id of the request; the phase events carry it too")
    long requestId;

    @Label("Client")
    String client;

    @Label("Host")
    String host;

    @Label("Addresses")
    String addresses;

    @Label("Error")
    String error;
}
