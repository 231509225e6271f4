/** Hooks for Apache HttpClient 5.x (classic and async) and 4.5: not written yet (see the Apache issue). */
package io.httpsignals.instrumentation.apache;
