/**
 * Apache HttpClient 4.5 on httpcore 4.4. Everything of a request happens on the caller's thread (the pool wait
 * included: 4.4's pool blocks the leasing thread), except reading the response entity after {@code execute}
 * returned, which is tracked by stream and by pooled-connection proxy.
 */
package io.httpsignals.instrumentation.apache.v4;
