package io.httpsignals.otel;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;

/** The W3C Trace Context {@code traceparent} header: {@code 00-<trace-id>-<parent-id>-<flags>}. */
final class TraceParent {

    private TraceParent() {
    }

    static String format(String traceId, String spanId, boolean sampled) {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** The caller's span context, or {@code null} if the header is not a valid version-00 (or later) traceparent. */
    static SpanContext parse(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.length() < 55 || h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-'
                || h.startsWith("ff") || (h.startsWith("00") && h.length() != 55)) {
            return null;
        }
        String traceId = h.substring(3, 35);
        String spanId = h.substring(36, 52);
        String flags = h.substring(53, 55);
        if (!TraceId.isValid(traceId) || !SpanId.isValid(spanId) || !isHex(flags) || !isHex(h.substring(0, 2))) {
            return null;
        }
        return SpanContext.createFromRemoteParent(traceId, spanId,
                TraceFlags.fromByte((byte) Integer.parseInt(flags, 16)), TraceState.getDefault());
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
