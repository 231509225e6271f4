package io.httpsignals.agent.listeners.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A request from request_start to request_end or request_exception, with its phase times. */
@Name("httpsignals.Request")
@Label("HTTP Request")
@Category("httpsignals")
@Description("A request from request_start to request_end or request_exception, with its phase times.")
@StackTrace(false)
public final class RequestEvent extends Event {

    /** Allocated once to ask whether a recording wants this event, so nothing is built when none does. */
    static final RequestEvent PROBE = new RequestEvent();

    @Label("Request Id")
    @Description("JVM-unique id of the request; the phase events carry it too")
    long requestId;

    @Label("Client")
    String client;

    @Label("Host")
    String host;

    @Label("Method")
    String method;

    @Label("URL")
    String url;

    @Label("Status")
    @Description("Final response status, -1 if the request failed")
    int status;

    @Label("Error")
    String error;

    @Label("Connection Id")
    long connectionId;

    @Label("Remote Address")
    String remoteAddress;

    @Label("Reused Connection")
    boolean reused;

    @Label("Pool Wait")
    @Timespan(Timespan.NANOSECONDS)
    long poolWait;

    @Label("DNS")
    @Timespan(Timespan.NANOSECONDS)
    long dns;

    @Label("Connect")
    @Timespan(Timespan.NANOSECONDS)
    long connect;

    @Label("TLS Handshake")
    @Timespan(Timespan.NANOSECONDS)
    long tls;

    @Label("Time To First Byte")
    @Description("From request start to the final response's headers; 0 if not reported")
    @Timespan(Timespan.NANOSECONDS)
    long timeToFirstByte;
}
