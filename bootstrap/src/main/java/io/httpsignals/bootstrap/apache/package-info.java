/**
 * Per-request state for the advice inlined into Apache HttpClient 5.x and 4.5. Apache classes live in application
 * class loaders, which the bootstrap loader cannot see: these classes take plain values and {@code Object}s, and the
 * advice reads the Apache objects.
 */
package io.httpsignals.bootstrap.apache;
