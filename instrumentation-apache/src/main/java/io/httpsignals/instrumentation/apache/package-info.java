/**
 * Apache HttpClient instrumentation: {@code v5.classic} (5.x blocking API and the httpcore5 pools),
 * {@code v5.async} (5.x async API) and {@code v4} (4.5 on httpcore 4.4). What is version-neutral (the body codec
 * streams, which only report streams and threads known to belong to a request) lives here.
 */
package io.httpsignals.instrumentation.apache;
