package io.httpsignals.agent.listeners.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Time a request waited for a pooled connection because the pool was at its limit. */
@Name("httpsignals.PoolWait")
@Label("HTTP Pool Wait")
@Category("httpsignals")
@Description("Time a request waited for a pooled connection because the pool was at its limit.")
@StackTrace(false)
public final class PoolWaitEvent extends Event {

    /** Allocated once to ask whether a recording wants this event, so nothing is built when none does. */
    static final PoolWaitEvent PROBE = new PoolWaitEvent();

    @Label("Request Id")
    @Description("JVM-unique id of the request; the phase events carry it too")
    long requestId;

    @Label("Client")
    String client;

    @Label("Host")
    String host;

    @Label("Leased")
    @Description("Connections leased for the route when the wait began, -1 if unknown")
    int leased;

    @Label("Pending")
    @Description("Requests already waiting for the route, -1 if unknown")
    int pending;

    @Label("Max")
    @Description("The pool's per-route maximum, -1 if unknown")
    int max;

    @Label("Error")
    String error;
}
