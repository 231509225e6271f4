package io.httpsignals.otel;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

import java.util.Collection;

/** Counts and reports failed metric exports (cumulative metrics: the next export carries the totals again). */
final class ReportingMetricExporter implements MetricExporter {

    private final MetricExporter delegate;
    private final ExportProblems problems;

    ReportingMetricExporter(MetricExporter delegate, ExportProblems problems) {
        this.delegate = delegate;
        this.problems = problems;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return delegate.getAggregationTemporality(instrumentType);
    }

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
        CompletableResultCode result;
        try {
            result = delegate.export(metrics);
        } catch (Throwable e) {
            problems.metricExportFailed(e);
            return CompletableResultCode.ofFailure();
        }
        result.whenComplete(() -> {
            if (!result.isSuccess()) {
                problems.metricExportFailed(result.getFailureThrowable());
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
