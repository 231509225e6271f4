package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.support.HeaderFields;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;
import sun.net.www.MessageHeader;
import sun.net.www.http.HttpClient;


/**
 * {@code HttpClient.parseHTTP(responses, ...)}: response_headers_received when the outermost call returns (the
 * JDK calls it again from inside when it resends the request); also for a {@code 100 Continue}.
 */
public final class ParseHttpAdvice {

    private ParseHttpAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static int enter() {
        return SignalBus.active() ? UrlConnections.enterParse() : -1;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter int depth,
                            @Advice.This Object self,
                            @Advice.Argument(0) Object responsesArgument,
                            @Advice.Thrown Throwable thrown) {
        if (depth != 0) {
            if (depth > 0) {
                UrlConnections.exitNestedParse();
            }
            return;
        }
        if (thrown != null || responsesArgument == null) {
            UrlConnections.exitNestedParse();
            return;
        }
        MessageHeader responses = (MessageHeader) responsesArgument;
        Trace trace = UrlConnections.ownerTrace(self);
        HeaderFields fields = null;
        if (SignalBus.wants(trace, Signal.RESPONSE_HEADERS_RECEIVED)) {
            // read field by field into one compact map (MessageHeader.getHeaders() builds a hash map of lists)
            fields = new HeaderFields(16);
            for (int i = 0; ; i++) {
                String name = responses.getKey(i);
                String value = responses.getValue(i);
                if (name == null && value == null) {
                    break;
                }
                fields.add(name, value); // the status line has no name and is skipped
            }
        }
        UrlConnections.exitParse(self, responses.getValue(0), fields, ((HttpClient) self).isKeepingAlive());
    }
}
