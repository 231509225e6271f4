package io.httpsignals.bootstrap.jdkhttp;

import java.net.InetAddress;

/**
 * What the JDK client hooks remember about one logical request between hooks (kept in {@code Trace.attachment}),
 * made only when a hook needs it (a redirect, a host name lookup, a body read as a stream): most requests need none.
 * Fields are written and read under the trace's monitor or from the request's own sequential pipeline.
 */
final class RequestState {

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
