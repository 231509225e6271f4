package io.httpsignals.agent.listeners.summary;

import io.httpsignals.agent.listeners.PhaseTrackingListener;
import io.httpsignals.agent.listeners.RequestPhases;
import io.httpsignals.api.RequestTrace;

/**
 * The {@code summary} listener: adds every finished request to its client kind and host's figures. The host is
 * found without copying it out of the URL, histograms and counters are fixed arrays, and the per-request context
 * (the phase timings) is reused: once its request has ended and been recorded, the bus delivers nothing more for
 * it, so it goes back to a small pool for a later request. Per request the listener then allocates nothing.
 */
final class SummaryListener extends PhaseTrackingListener<SummaryListener.Context> {

    /** Contexts kept for reuse; more than this many requests in flight at once allocate the difference. */
    static final int POOL_SIZE = 256;

    static final class Context extends RequestPhases {
        HostStats host;
    }

    private final Summary summary;
    private final Runnable onClose;
    private final Context[] pool = new Context[POOL_SIZE];
    private int pooled;

    SummaryListener(Summary summary, Runnable onClose) {
        this.summary = summary;
        this.onClose = onClose;
    }

    @Override
    public Context newContext(RequestTrace trace) {
        HostStats host = summary.statsFor(trace.client(), trace.url());
        Context context = null;
        synchronized (pool) {
            if (pooled > 0) {
                context = pool[--pooled];
                pool[pooled] = null;
            }
        }
        if (context == null) {
            context = new Context();
        }
        context.host = host;
        return context;
    }

    @Override
    protected void finished(RequestTrace trace, Context phases, Throwable error) {
        phases.host.record(trace, phases, error != null);
        phases.reset();
        phases.host = null;
        synchronized (pool) {
            if (pooled < pool.length) {
                pool[pooled++] = phases;
            }
        }
    }

    @Override
    public void close() {
        onClose.run();
    }
}
