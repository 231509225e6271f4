package io.httpsignals.otel;

import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * Lets a request span get the ids chosen at {@code request_start} (already sent in its {@code traceparent}) although
 * the span itself is built only when the request has ended: the ids are handed over through the building thread.
 */
final class PresetIds implements IdGenerator {

    private static final IdGenerator RANDOM = IdGenerator.random();

    private static final class Preset {
        String traceId;
        String spanId;
    }

    private final ThreadLocal<Preset> next = ThreadLocal.withInitial(Preset::new);

    /** The ids the next span started on this thread gets; {@link #clear()} right after starting it. */
    void preset(String traceId, String spanId) {
        Preset p = next.get();
        p.traceId = traceId;
        p.spanId = spanId;
    }

    void clear() {
        Preset p = next.get();
        p.traceId = null;
        p.spanId = null;
    }

    @Override
    public String generateSpanId() {
        Preset p = next.get();
        String id = p.spanId;
        if (id == null) {
            return RANDOM.generateSpanId();
        }
        p.spanId = null;
        return id;
    }

    @Override
    public String generateTraceId() {
        Preset p = next.get();
        String id = p.traceId;
        if (id == null) {
            return RANDOM.generateTraceId();
        }
        p.traceId = null;
        return id;
    }
}
