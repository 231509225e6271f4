package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.api.Signal;
import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.Trace;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;
import sun.net.www.MessageHeader;
import sun.net.www.http.PosterOutputStream;

import java.util.List;
import java.util.Map;

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
        Map<String, List<String>> headers = head != null && SignalBus.wants(trace, Signal.REQUEST_HEADERS_SENT)
                ? ((MessageHeader) head).getHeaders() : null;
        UrlConnections.headersWritten(self, headers, poster == null ? 0 : ((PosterOutputStream) poster).size());
    }
}
