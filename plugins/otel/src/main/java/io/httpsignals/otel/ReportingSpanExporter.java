package io.httpsignals.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Collection;

/** Counts and reports the spans of every failed export; the batch is dropped, never retried forever. */
final class ReportingSpanExporter implements SpanExporter {

    private final SpanExporter delegate;
    private final ExportProblems problems;

    ReportingSpanExporter(SpanExporter delegate, ExportProblems problems) {
        this.delegate = delegate;
        this.problems = problems;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        CompletableResultCode result;
        try {
            result = delegate.export(spans);
        } catch (Throwable e) {
            problems.spansDropped(spans.size(), e);
            return CompletableResultCode.ofFailure();
        }
        int count = spans.size();
        result.whenComplete(() -> {
            if (!result.isSuccess()) {
                problems.spansDropped(count, result.getFailureThrowable());
            }
        });
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
