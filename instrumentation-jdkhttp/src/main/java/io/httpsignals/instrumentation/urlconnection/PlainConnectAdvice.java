package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.support.HeaderFields;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;
import sun.net.www.MessageHeader;

import java.net.URL;

/**
 * request_start at the first {@code plainConnect0} of an instance (later entries are redirect hops); a failure
 * to connect ends the request.
 */
public final class PlainConnectAdvice {

    private PlainConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object self,
                             @Advice.FieldValue("method") String method,
                             @Advice.FieldValue("url") URL url,
                             @Advice.FieldValue("requests") Object requests) {
        if (!SignalBus.active() || !UrlConnections.needsStart(self)) {
            return;
        }
        // the headers are copied into a new map: only when a listener wants request_start
        HeaderFields fields = null;
        if (requests != null && SignalBus.wantsNew(Signal.REQUEST_START)) {
            MessageHeader headers = (MessageHeader) requests;
            fields = new HeaderFields(16);
            for (int i = 0; ; i++) {
                String name = headers.getKey(i);
                String value = headers.getValue(i);
                if (name == null && value == null) {
                    break;
                }
                fields.add(name, value); // a request line has no name and is skipped
            }
        }
        UrlConnections.start(self, method, UrlConnections.urlString(url), fields);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object self, @Advice.Thrown Throwable thrown) {
        if (thrown != null && SignalBus.active()) {
            UrlConnections.failed(self, thrown);
        }
    }
}
