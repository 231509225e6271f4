package io.httpsignals.instrumentation.urlconnection;

import io.httpsignals.bootstrap.SignalBus;
import io.httpsignals.bootstrap.urlconnection.UrlConnections;
import net.bytebuddy.asm.Advice;
import sun.net.www.MessageHeader;

import java.util.List;
import java.util.Map;

/**
 * Adds the headers listeners injected at request start to the outgoing head, on every hop: the JDK rebuilds the
 * head for redirects (and drops it entirely when a POST becomes a GET), so adding them once would not do.
 */
public final class WriteRequestsAdvice {

    private WriteRequestsAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object self, @Advice.FieldValue("requests") Object requestsField) {
        if (!SignalBus.active() || requestsField == null) {
            return;
        }
        Map<String, List<String>> injected = UrlConnections.injectedHeaders(self);
        if (injected == null) {
            return;
        }
        MessageHeader requests = (MessageHeader) requestsField;
        for (Map.Entry<String, List<String>> header : injected.entrySet()) {
            if (requests.findValue(header.getKey()) == null) {
                for (String value : header.getValue()) {
                    requests.add(header.getKey(), value);
                }
            }
        }
    }
}
