/**
 * Apache HttpClient 5.x classic (blocking) API, and the httpcore5 pieces it shares with the async client (the
 * connection pools). A request runs on the caller's thread from {@code InternalHttpClient.doExecute} on; only the
 * end of a pool wait (completed by the thread that gives a connection back) and the reading of the response entity
 * (after {@code doExecute} returned) happen elsewhere.
 */
package io.httpsignals.instrumentation.apache.v5.classic;
