/**
 * State and signal logic for {@code java.net.HttpURLConnection} / {@code HttpsURLConnection}, called by the advice
 * inlined into {@code sun.net.www.*} (all {@code java.base}). These classes cannot name {@code sun.net.www} types
 * (the package is not exported to the unnamed module), so the advice reads the JDK objects and hands over plain
 * values; JDK objects are only used here as identity keys.
 */
package io.httpsignals.bootstrap.urlconnection;
