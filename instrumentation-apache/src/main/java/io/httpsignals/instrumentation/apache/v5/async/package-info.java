/**
 * Apache HttpClient 5.x async API. Its work runs on I/O reactor threads, so nothing here relies on the calling
 * thread except the {@code execute} call itself: a request is keyed by its exec runtime (one per {@code execute}),
 * which the exchange handler and the connect/lease calls carry, and by its result future.
 */
package io.httpsignals.instrumentation.apache.v5.async;
