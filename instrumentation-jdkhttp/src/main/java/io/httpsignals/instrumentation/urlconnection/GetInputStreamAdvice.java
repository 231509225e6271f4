package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;

import java.io.InputStream;

/**
 * The response reached the application: from here only the body remains (request_end when it is consumed or
 * closed), or at once when the JDK found no body and already released the connection. A status >= 400 makes the
 * JDK throw although HTTP succeeded; its body stays readable through {@code getErrorStream()}, so that is a
 * response too. Anything else thrown is the request's failure. Repeat calls return the cached outcome and change
 * nothing; so does the nested call the JDK makes from inside (via {@code getResponseCode()}).
 */
public final class GetInputStreamAdvice {

    private GetInputStreamAdvice() {
    }

    /** Only a call that finds no stream yet decides: later and nested calls return the cached stream. */
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static boolean enter(@Advice.FieldValue("inputStream") InputStream inputStream) {
        return inputStream == null && SignalBus.active();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter boolean deciding,
                            @Advice.This Object self,
                            @Advice.Thrown Throwable thrown,
                            @Advice.FieldValue("responseCode") int responseCode,
                            @Advice.FieldValue("inputStream") InputStream inputStream,
                            @Advice.FieldValue("http") Object http) {
        if (!deciding) {
            return;
        }
        if (thrown == null || responseCode >= 400 && inputStream != null) {
            UrlConnections.responseDelivered(self, responseCode, http == null);
        } else {
            UrlConnections.failed(self, thrown);
        }
    }
}
