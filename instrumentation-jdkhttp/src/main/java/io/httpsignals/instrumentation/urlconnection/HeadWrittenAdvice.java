package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.support.HeaderFields;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;
import sun.net.www.MessageHeader;
import sun.net.www.http.PosterOutputStream;


/**
 * {@code HttpClient.writeRequests(head, poster)}: the final head (with the headers the JDK added) is written and
 * flushed, followed by the whole buffered body when the application used the default (non-streaming) mode.
 */
public final class HeadWrittenAdvice {

    private HeadWrittenAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object self,
                            @Advice.Argument(0) Object head,
                            @Advice.Argument(1) Object poster,
                            @Advice.Thrown Throwable thrown) {
        if (thrown != null || !SignalBus.active()) {
            return;
        }
        Trace trace = UrlConnections.ownerTrace(self);
        if (trace == null) {
            return;
        }
        HeaderFields fields = null;
        if (head != null && SignalBus.wants(trace, Signal.REQUEST_HEADERS_SENT)) {
            // read field by field into one compact map (MessageHeader.getHeaders() builds a hash map of lists)
            MessageHeader headers = (MessageHeader) head;
            fields = new HeaderFields(16);
            for (int i = 0; ; i++) {
                String name = headers.getKey(i);
                String value = headers.getValue(i);
                if (name == null && value == null) {
                    break;
                }
                fields.add(name, value); // the request line has no name and is skipped
            }
        }
        UrlConnections.headersWritten(self, fields, poster == null ? 0 : ((PosterOutputStream) poster).size());
    }
}
