package io.httpsignals.bootstrap.jdkhttp;

import java.net.InetAddress;

/**
 * What the JDK client hooks remember about one logical request between hooks (kept in {@code Trace.attachment}).
 * Fields are written and read under the trace's monitor or from the request's own sequential pipeline.
 */
final class RequestState {

    /** How many times {@code MultiExchange.responseAsyncImpl()} ran: 1 = first hop, more = redirect or retry. */
    int attempts;

    /** A redirect the redirect filter decided to follow, announced when the next hop starts. */
    int redirectStatus = -1;
    String redirectLocation;

    /** The last host lookup of this hop, replayed inside the connection creation it led to. */
    String dnsHost;
    InetAddress dnsAddress;
    boolean dnsFailed;
    long dnsStartNanos;
    long dnsEndNanos;

    /** The body is an {@code InputStream}: the request ends when the application reads it to the end or closes it. */
    volatile boolean endsWithStream;
}
