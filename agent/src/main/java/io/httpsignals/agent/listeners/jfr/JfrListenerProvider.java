package io.httpsignals.agent.listeners.jfr;

import io.httpsignals.agent.listeners.BuiltInListenerProvider;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.ListenerOptions;

import java.util.Set;

/**
 * {@code jfr}: JDK Flight Recorder events {@code httpsignals.Request}, {@code httpsignals.PoolWait},
 * {@code httpsignals.DnsLookup}, {@code httpsignals.Connect} and {@code httpsignals.TlsHandshake}, category
 * {@code httpsignals}. Recorded only while a recording runs ({@code -XX:StartFlightRecording}, {@code jcmd JFR.start},
 * JMC); which events and thresholds are the recording's settings, so this listener has no options.
 */
public final class JfrListenerProvider implements BuiltInListenerProvider {

    @Override
    public String name() {
        return "jfr";
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of();
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        return new JfrListener();
    }
}
