package io.httpsignals.agent.report;

import io.httpsignals.api.Signal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the self-contained page: the template with its stylesheet and script inlined, and the report's data as
 * one JSON document in a {@code <script type="application/json">} element. The data is columnar-ish (a request is
 * an array, hosts and clients are indexes) so 100,000 requests stay a file a browser parses in a second or two.
 */
final class HtmlReport {

    private static final String DATA_MARK = "/*@DATA@*/";
    private static final String CSS_MARK = "/*@CSS@*/";
    private static final String JS_MARK = "/*@JS@*/";

    private HtmlReport() {
    }

    static void write(ReportModel model, Writer out) throws IOException {
        String html = resource("report.html")
                .replace(CSS_MARK, resource("report.css"))
                .replace(JS_MARK, resource("report.js"));
        int data = html.indexOf(DATA_MARK);
        out.write(html, 0, data);
        writeData(model, out);
        out.write(html, data + DATA_MARK.length(), html.length() - data - DATA_MARK.length());
    }

    private static void writeData(ReportModel model, Writer out) throws IOException {
        StringBuilder b = new StringBuilder(1 << 16);
        long t0 = model.t0();
        b.append("{\"generated\":");
        JsonOut.string(b, Instant.now().toString());
        b.append(",\"t0\":");
        JsonOut.string(b, model.requests().isEmpty() ? null : Instant.EPOCH.plusNanos(t0 * 1000).toString());
        b.append(",\"span\":");
        JsonOut.millis(b, model.span());
        b.append(",\"files\":");
        JsonOut.value(b, model.files());
        b.append(",\"phases\":[");
        for (Phase p : Phase.values()) {
            b.append(p.ordinal() == 0 ? "" : ",").append("[\"").append(p.key).append("\",\"").append(p.label).append("\"]");
        }
        b.append("],\"signals\":[");
        for (Signal s : Signal.values()) {
            b.append(s.ordinal() == 0 ? "" : ",").append('"').append(s.wireName()).append('"');
        }
        b.append(']');
        Map<String, Integer> hosts = new HashMap<>();
        Map<String, Integer> clients = new HashMap<>();
        List<HostSummary> summaries = HostSummary.of(model);
        for (int i = 1; i < summaries.size(); i++) {
            hosts.put(summaries.get(i).host, i - 1);
        }
        b.append(",\"hosts\":[");
        for (int i = 1; i < summaries.size(); i++) {
            b.append(i == 1 ? "" : ",");
            JsonOut.string(b, summaries.get(i).host);
        }
        b.append("],\"histogramEdges\":[");
        for (int i = 0; i < HostSummary.HISTOGRAM_EDGES_MS.length; i++) {
            b.append(i == 0 ? "" : ",").append(HostSummary.HISTOGRAM_EDGES_MS[i]);
        }
        b.append("],\"summary\":[");
        for (int i = 0; i < summaries.size(); i++) {
            b.append(i == 0 ? "" : ",");
            summary(b, summaries.get(i));
        }
        b.append("],\"problems\":");
        problems(b, model.problems());
        // clients are numbered in order of appearance, written after the requests
        b.append(",\"requests\":[");
        out.append(b);
        b.setLength(0);
        Map<String, Integer> signalIndex = new HashMap<>();
        for (Signal s : Signal.values()) {
            signalIndex.put(s.wireName(), s.ordinal());
        }
        List<RequestRecord> requests = model.requests();
        for (int i = 0; i < requests.size(); i++) {
            b.append(i == 0 ? "" : ",\n");
            request(b, requests.get(i), t0, hosts, clients, signalIndex);
            if (b.length() > (1 << 16)) {
                out.append(b);
                b.setLength(0);
            }
        }
        b.append("],\"clients\":[");
        String[] byIndex = new String[clients.size()];
        clients.forEach((name, index) -> byIndex[index] = name);
        for (int i = 0; i < byIndex.length; i++) {
            b.append(i == 0 ? "" : ",");
            JsonOut.string(b, byIndex[i]);
        }
        b.append("]}");
        out.append(b);
    }

    /**
     * {@code [file, id, client, method, url, host, startMs, durationMs, status, error, incomplete, connections,
     * segments, marks, signals, hops]}; segments are flat quadruples {@code phase, startMs, endMs, failed}.
     */
    private static void request(StringBuilder b, RequestRecord r, long t0, Map<String, Integer> hosts,
                                Map<String, Integer> clients, Map<String, Integer> signalIndex) {
        b.append('[').append(r.file).append(',').append(r.id).append(',');
        b.append(clients.computeIfAbsent(String.valueOf(r.client), c -> clients.size())).append(',');
        JsonOut.string(b, r.method);
        b.append(',');
        JsonOut.string(b, r.url);
        b.append(',').append(hosts.get(r.host())).append(',');
        JsonOut.millis(b, r.startEpochUs - t0);
        b.append(',');
        JsonOut.millis(b, r.durationUs());
        b.append(',').append(r.status).append(',');
        JsonOut.string(b, r.error);
        b.append(',');
        JsonOut.string(b, r.incompleteReason());
        b.append(",[");
        for (int i = 0; i < r.connections.size(); i++) {
            RequestRecord.ConnectionUse c = r.connections.get(i);
            b.append(i == 0 ? "" : ",").append('[').append(c.id()).append(',').append(c.reused() ? 1 : 0).append(']');
        }
        b.append("],[");
        for (int i = 0; i < r.segments.size(); i++) {
            Segment s = r.segments.get(i);
            b.append(i == 0 ? "" : ",").append(s.phase().ordinal()).append(',');
            JsonOut.millis(b, s.startUs());
            b.append(',');
            JsonOut.millis(b, s.endUs());
            b.append(',').append(s.failed() ? 1 : 0);
        }
        b.append("],[");
        for (int i = 0; i < r.marks.size(); i++) {
            Mark m = r.marks.get(i);
            b.append(i == 0 ? "" : ",").append("[\"").append(m.kind().key).append("\",");
            JsonOut.millis(b, m.atUs());
            b.append(',');
            JsonOut.string(b, m.text());
            b.append(']');
        }
        b.append("],[");
        for (int i = 0; i < r.signals.size(); i++) {
            SignalEntry s = r.signals.get(i);
            b.append(i == 0 ? "" : ",").append('[').append(signalIndex.get(s.signal())).append(',');
            JsonOut.millis(b, s.elapsedUs());
            if (s.fieldsJson() != null) {
                b.append(',').append(s.fieldsJson());
            }
            b.append(']');
        }
        b.append("],").append(r.hops).append(r.detailDropped ? ",1" : "").append(']');
    }

    private static void summary(StringBuilder b, HostSummary s) {
        b.append("{\"host\":");
        JsonOut.string(b, s.host);
        b.append(",\"requests\":").append(s.requests).append(",\"failed\":").append(s.failed)
                .append(",\"status4xx\":").append(s.status4xx).append(",\"status5xx\":").append(s.status5xx)
                .append(",\"incomplete\":").append(s.incomplete)
                .append(",\"created\":").append(s.connectionsCreated).append(",\"reused\":").append(s.connectionsReused)
                .append(",\"queued\":").append(s.queueWait.count()).append(",\"queueWait\":");
        percentiles(b, s.queueWait);
        b.append(",\"total\":");
        percentiles(b, s.total);
        b.append(",\"phases\":{");
        boolean first = true;
        for (Map.Entry<Phase, Percentiles> e : s.phases.entrySet()) {
            b.append(first ? "" : ",").append('"').append(e.getKey().key).append("\":");
            percentiles(b, e.getValue());
            first = false;
        }
        b.append("},\"histogram\":[");
        for (int i = 0; i < s.histogram.length; i++) {
            b.append(i == 0 ? "" : ",").append(s.histogram[i]);
        }
        b.append("],\"open\":[");
        for (int i = 0; i < s.openConnections.length; i++) {
            b.append(i == 0 ? "" : ",").append(s.openConnections[i]);
        }
        b.append("]}");
    }

    /** {@code [count, p50, p90, p99, max]} in milliseconds, or {@code [0]}. */
    private static void percentiles(StringBuilder b, Percentiles p) {
        b.append('[').append(p.count());
        if (p.count() > 0) {
            for (double q : new double[] {50, 90, 99, 100}) {
                b.append(',');
                JsonOut.millis(b, p.percentile(q));
            }
        }
        b.append(']');
    }

    private static void problems(StringBuilder b, InputProblems p) {
        b.append("{\"lines\":").append(p.lines).append(",\"blank\":").append(p.blankLines)
                .append(",\"malformed\":").append(p.malformedLines).append(",\"notSignal\":").append(p.notSignalLines)
                .append(",\"afterEnd\":").append(p.afterTerminal).append(",\"duplicateStarts\":").append(p.duplicateStarts)
                .append(",\"withoutStart\":").append(p.withoutStart).append(",\"withoutEnd\":").append(p.withoutEnd)
                .append(",\"detailOmitted\":").append(p.detailOmitted).append(",\"unknownSignals\":");
        JsonOut.value(b, p.unknownSignals);
        b.append(",\"examples\":");
        JsonOut.value(b, p.examples);
        b.append('}');
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the agent jar lacks the report resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
