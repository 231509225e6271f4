package io.httpsignals.agent.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report SIGNALS.jsonl [more.jsonl ...] [-o report.html]}: renders signal logs as one self-contained HTML
 * page. Bad lines never fail it (they are counted in the page); only unusable arguments or files do.
 */
public final class ReportCommand {

    public static final String USAGE =
            "  report LOG.jsonl [MORE.jsonl ...] [-o report.html]\n"
            + "                         render log listener output as a self-contained HTML waterfall";

    private ReportCommand() {
    }

    /** Returns the process exit code: 0 written, 2 bad arguments or unreadable input, 1 cannot write. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> inputs = new ArrayList<>();
        Path output = Path.of("report.html");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-o") || arg.equals("--output")) {
                if (i + 1 >= args.length) {
                    err.println("httpsignals: report: -o needs a file name\nusage:\n" + USAGE);
                    return 2;
                }
                output = Path.of(args[++i]);
            } else if (arg.startsWith("-")) {
                err.println("httpsignals: report: unknown option " + arg + "\nusage:\n" + USAGE);
                return 2;
            } else {
                inputs.add(Path.of(arg));
            }
        }
        if (inputs.isEmpty()) {
            err.println("httpsignals: report: name at least one signal log (the log listener's log.file)\nusage:\n"
                    + USAGE);
            return 2;
        }
        for (Path input : inputs) {
            if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
                err.println("httpsignals: report: cannot read " + input.toAbsolutePath()
                        + (Files.exists(input) ? " (not a readable file)" : " (no such file)"));
                return 2;
            }
        }
        long began = System.nanoTime();
        SignalLogAggregator aggregator = new SignalLogAggregator();
        for (Path input : inputs) {
            try {
                aggregator.read(input);
            } catch (IOException e) {
                err.println("httpsignals: report: cannot read " + input.toAbsolutePath() + " (" + e + ")");
                return 2;
            }
        }
        ReportModel model = aggregator.finish();
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output),
                    StandardCharsets.UTF_8), 1 << 16)) {
                HtmlReport.write(model, w);
            }
        } catch (IOException e) {
            err.println("httpsignals: report: cannot write " + output.toAbsolutePath() + " (" + e + ")");
            return 1;
        }
        InputProblems p = model.problems();
        out.println("httpsignals: wrote " + output + ": " + model.requests().size() + " requests from "
                + p.lines + " lines in " + (System.nanoTime() - began) / 1_000_000 + " ms"
                + (p.skippedLines() > 0 ? "; " + p.skippedLines() + " lines skipped (see the page)" : "")
                + (p.withoutStart + p.withoutEnd > 0
                        ? "; " + (p.withoutStart + p.withoutEnd) + " incomplete requests shown as such" : ""));
        return 0;
    }
}
