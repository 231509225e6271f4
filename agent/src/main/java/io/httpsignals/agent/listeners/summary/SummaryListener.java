package io.httpsignals.agent.listeners.summary;

import io.httpsignals.agent.listeners.PhaseTrackingListener;
import io.httpsignals.agent.listeners.RequestPhases;
import io.httpsignals.api.RequestTrace;

/**
 * The {@code summary} listener: adds every finished request to its client kind and host's figures. Per request it
 * allocates only its context (the phase timings and the figures it goes into); the host is found without copying
 * it out of the URL, and histograms and counters are fixed arrays.
 */
final class SummaryListener extends PhaseTrackingListener<SummaryListener.Context> {

    static final class Context extends RequestPhases {
        final HostStats host;

        Context(HostStats host) {
            this.host = host;
        }
    }

    private final Summary summary;
    private final Runnable onClose;

    SummaryListener(Summary summary, Runnable onClose) {
        this.summary = summary;
        this.onClose = onClose;
    }

    @Override
    public Context newContext(RequestTrace trace) {
        return new Context(summary.statsFor(trace.client(), trace.url()));
    }

    @Override
    protected void finished(RequestTrace trace, Context phases, Throwable error) {
        phases.host.record(trace, phases, error != null);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
