/**
 * Helpers for the advice inlined into {@code java.net.http}. They live on the bootstrap path because code inlined
 * into a platform-loader class can see nothing else. The converse also holds: the bootstrap loader cannot see
 * {@code java.net.http} (a platform-loader module), so these classes use only {@code java.base} types; the advice
 * itself reads the {@code java.net.http} objects and hands over plain values.
 */
package io.httpsignals.bootstrap.jdkhttp;
