package io.httpsignals.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives the end-to-end comparison (started by {@code benchmarks/e2e/run.sh}): one server JVM, then for each client
 * kind, rounds in which every configuration runs once in turn (A B C D A B C D ...), each in a fresh client JVM; then
 * the start-one-request-exit process, alternating the same way. Prints the Markdown report and writes it between
 * the result markers of the docs file.
 */
public final class E2eRunner {

    static final String BEGIN = "<!-- e2e-results:begin -->";
    static final String END = "<!-- e2e-results:end -->";

    private final Options o;
    private final List<Config> configs = new ArrayList<>();
    private final StringBuilder notes = new StringBuilder();

    private E2eRunner(Options o) {
        this.o = o;
    }

    /**
     * One way of running the client JVM: with or without an agent (httpsignals unless {@code otherAgentJar} names
     * another) and which listeners.
     */
    record Config(String name, String agentArgs, String otherAgentJar) {
        Config(String name, String agentArgs) {
            this(name, agentArgs, null);
        }

        List<String> jvmArgs(String agentJar) {
            if (otherAgentJar != null) {
                return List.of("-javaagent:" + otherAgentJar);
            }
            if (agentArgs == null) {
                return List.of();
            }
            return List.of("-javaagent:" + agentJar + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
    }

    /** One measured phase of one client JVM. */
    record Load(long requests, double seconds, long cpuNanos, long allocatedBytes, long p50Micros, long p99Micros) {
        double throughput() {
            return requests / seconds;
        }

        double cpuMicrosPerRequest() {
            return cpuNanos / 1000.0 / requests;
        }

        double bytesPerRequest() {
            return (double) allocatedBytes / requests;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        new E2eRunner(o).run();
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("httpsignals-e2e");
        String loadAvgBefore = loadAverage();
        long began = System.nanoTime();
        Process server = new ProcessBuilder(o.java, "-cp", o.classpath, E2eServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String url = "http://127.0.0.1:" + awaitPort(server) + "/hello";
            configs.add(new Config("no agent", null));
            configs.add(new Config("empty -javaagent", null, EmptyAgent.writeJar(work).toString()));
            configs.add(new Config("agent, no listener", ""));
            if (listenerExists("summary", url, work)) {
                configs.add(new Config("agent + summary", "listeners=summary"));
            } else {
                notes.append("- `summary`: this build has no `summary` listener, so its configuration is skipped.\n");
            }
            configs.add(new Config("agent + log to file", "listeners=log;log.file=" + work.resolve("signals.log")));
            configs.removeIf(c -> !o.configs.isEmpty() && !o.configs.contains(configKey(c)));

            StringBuilder report = new StringBuilder();
            for (String kind : o.kinds) {
                report.append(measureKind(kind, url, work));
            }
            String header = header(loadAvgBefore, loadAverage(), (System.nanoTime() - began) / 1_000_000_000L);
            String markdown = header + report + (notes.length() > 0 ? "\nNotes:\n\n" + notes : "");
            System.out.println(markdown);
            if (o.out != null) {
                writeInto(Path.of(o.out), markdown);
                System.err.println("e2e: results written into " + o.out);
            }
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
            try (var files = Files.list(work)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    private static String configKey(Config c) {
        return c.otherAgentJar != null ? "empty" : c.agentArgs == null ? "none" : c.agentArgs.isEmpty() ? "agent"
                : c.agentArgs.startsWith("listeners=summary") ? "summary" : "log";
    }

    private String measureKind(String kind, String url, Path work) throws Exception {
        System.err.println("e2e: " + kind);
        int signalsPerRequest = signalsPerRequest(kind, url, work);
        Map<Config, List<Load>> loads = new LinkedHashMap<>();
        Map<Config, List<Double>> startups = new LinkedHashMap<>();
        for (Config c : configs) {
            loads.put(c, new ArrayList<>());
            startups.put(c, new ArrayList<>());
        }
        for (int round = 0; round < o.rounds; round++) {
            for (Config c : configs) {
                Load load = load(kind, url, c);
                loads.get(c).add(load);
                System.err.printf(Locale.ROOT, "e2e:   round %d %-22s %8.0f req/s %7.1f us cpu/req %8.0f B/req%n",
                        round + 1, c.name, load.throughput(), load.cpuMicrosPerRequest(), load.bytesPerRequest());
            }
        }
        for (int run = 0; run < o.startupRuns; run++) {
            for (Config c : configs) {
                startups.get(c).add(startupMillis(kind, url, c));
            }
        }
        Map<Config, Double> own = new LinkedHashMap<>();
        if (o.ownBytes) {
            for (Config c : configs) {
                if (c.agentArgs() != null) {
                    own.put(c, ownBytesPerRequest(kind, url, c));
                }
            }
        }
        return table(kind, signalsPerRequest, loads, startups, own);
    }

    // ------------------------------------------------------------------ child JVMs

    private List<String> clientCommand(Config c, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(o.java);
        cmd.addAll(o.clientJvmArgs);
        cmd.addAll(c.jvmArgs(o.agentJar));
        cmd.add("-cp");
        cmd.add(o.classpath);
        cmd.add(E2eClient.class.getName());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private Load load(String kind, String url, Config c) throws Exception {
        List<String> cmd = clientCommand(c, "load", kind, url, String.valueOf(o.threads),
                String.valueOf(o.warmupMillis), String.valueOf(o.measureMillis));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("client " + kind + " (" + c.name + ") failed: " + String.join(" ", cmd));
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String kv : result.substring("RESULT ".length()).split(" ")) {
            int eq = kv.indexOf('=');
            f.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return new Load(Long.parseLong(f.get("requests")), Double.parseDouble(f.get("seconds")),
                Long.parseLong(f.get("cpu_ns")), Long.parseLong(f.get("allocated_bytes")),
                Long.parseLong(f.get("p50_us")), Long.parseLong(f.get("p99_us")));
    }

    private double startupMillis(String kind, String url, Config c) throws Exception {
        List<String> cmd = clientCommand(c, "once", kind, url);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int exit = p.waitFor();
        double millis = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IllegalStateException("one-request process failed: " + String.join(" ", cmd));
        }
        return millis;
    }

    /**
     * httpsignals' own objects per request, exactly: {@link ClassAllocationProbe} in a JVM under Epsilon, summing
     * the classes of {@code io.httpsignals} (the harness's own classes left out). Unlike the bytes of the load rounds
     * this does not move with the JIT's treatment of the client's objects or with timing, so it shows what the agent
     * itself allocates; JDK objects that the agent's code creates (a {@code byte[]}, a JDK future) are not in it.
     */
    private double ownBytesPerRequest(String kind, String url, Config c) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(o.java);
        // no -Xms: Epsilon commits the heap as it fills; 30000 requests of the heaviest client take ~0.7 GB
        cmd.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC", "-Xmx6g"));
        cmd.addAll(c.jvmArgs(o.agentJar));
        cmd.addAll(List.of("-cp", o.classpath, ClassAllocationProbe.class.getName(), kind, url, "20000", "10000",
                String.valueOf(o.threads)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        double bytes = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] f = line.split(" ", 3);
                if (f.length == 3 && f[2].startsWith("io.httpsignals.")
                        && !f[2].startsWith("io.httpsignals.benchmarks.")) {
                    bytes += Double.parseDouble(f[1]);
                }
            }
        }
        if (p.waitFor() != 0) {
            // a half-hour run is not thrown away for one missing cell
            notes.append("- `").append(kind).append("`, ").append(c.name).append(": the own-objects probe failed ("
                    + String.join(" ", cmd) + ").\n");
            return Double.NaN;
        }
        System.err.printf(Locale.ROOT, "e2e:   %-22s httpsignals' own objects %.0f B/req%n", c.name, bytes);
        return bytes;
    }

    /** Signals the log listener writes for one request of this kind: 0 means no hook for it in this build. */
    private int signalsPerRequest(String kind, String url, Path work) throws Exception {
        Path log = work.resolve("probe-" + kind + ".log");
        Process p = new ProcessBuilder(clientCommand(new Config("probe", "listeners=log;log.file=" + log), "once",
                kind, url)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        int lines = Files.exists(log) ? Files.readAllLines(log).size() : 0;
        if (lines == 0) {
            notes.append("- `").append(kind).append("`: no hook for this client in this build (no signal "
                    + "emitted), so its agent rows measure an attached agent that does not touch the client.\n");
        }
        return lines;
    }

    private boolean listenerExists(String name, String url, Path work) throws Exception {
        Process p = new ProcessBuilder(clientCommand(new Config("probe", "listeners=" + name), "once", "jdk-sync",
                url)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return !err.contains("unknown listener '" + name + "'") && !err.contains("could not start");
    }

    private static int awaitPort(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("the server did not start");
    }

    // ------------------------------------------------------------------ report

    private String table(String kind, int signals, Map<Config, List<Load>> loads, Map<Config, List<Double>> startups,
                         Map<Config, Double> own) {
        StringBuilder t = new StringBuilder();
        t.append("\n#### ").append(kind).append(signals > 0 ? " (" + signals + " signals per request)" : " (not hooked)")
                .append("\n\n");
        Config base = configs.get(0);
        // what httpsignals adds beyond the JVM's own price for any -javaagent (see EmptyAgent)
        Config empty = configs.stream().filter(c -> c.otherAgentJar() != null && c != base).findFirst().orElse(null);
        t.append("| configuration | req/s | CPU µs/req | × no agent | B allocated/req | Δ B/req ")
                .append(empty == null ? "" : "| Δ B/req vs empty agent ")
                .append(own.isEmpty() ? "" : "| httpsignals' own B/req (exact) ")
                .append("| p50 µs | p99 µs | start-up ms | Δ ms ")
                .append(empty == null ? "" : "| Δ ms vs empty agent ").append("|\n");
        t.append("|---|---:|---:|---:|---:|---:|").append(empty == null ? "" : "---:|")
                .append(own.isEmpty() ? "" : "---:|")
                .append("---:|---:|---:|---:|").append(empty == null ? "" : "---:|").append("\n");
        double baseCpu = median(values(loads.get(base), Load::cpuMicrosPerRequest));
        double baseBytes = median(values(loads.get(base), Load::bytesPerRequest));
        double baseStart = median(startups.get(base));
        double emptyBytes = empty == null ? 0 : median(values(loads.get(empty), Load::bytesPerRequest));
        double emptyStart = empty == null ? 0 : median(startups.get(empty));
        for (Config c : configs) {
            List<Load> l = loads.get(c);
            List<Double> tput = values(l, Load::throughput);
            List<Double> cpu = values(l, Load::cpuMicrosPerRequest);
            List<Double> bytes = values(l, Load::bytesPerRequest);
            List<Double> start = startups.get(c);
            boolean isBase = c == base;
            boolean ours = c.agentArgs() != null;
            t.append(String.format(Locale.ROOT, "| %s | %.0f %s | %.1f %s | %s | %.0f %s | %s |",
                    c.name, median(tput), spread(tput), median(cpu), spread(cpu),
                    isBase ? "1" : String.format(Locale.ROOT, "%.3f", median(cpu) / baseCpu),
                    median(bytes), spread(bytes),
                    isBase ? "0" : String.format(Locale.ROOT, "%+.0f", median(bytes) - baseBytes)));
            if (empty != null) {
                t.append(ours ? String.format(Locale.ROOT, " %+.0f |", median(bytes) - emptyBytes) : " |");
            }
            if (!own.isEmpty()) {
                Double b = own.get(c);
                t.append(b == null ? " |" : b.isNaN() ? " n/a |" : String.format(Locale.ROOT, " %.0f |", b));
            }
            t.append(String.format(Locale.ROOT, " %.0f | %.0f | %.0f %s | %s |",
                    median(values(l, x -> (double) x.p50Micros())), median(values(l, x -> (double) x.p99Micros())),
                    median(start), spread(start),
                    isBase ? "0" : String.format(Locale.ROOT, "%+.0f", median(start) - baseStart)));
            if (empty != null) {
                t.append(ours ? String.format(Locale.ROOT, " %+.0f |", median(start) - emptyStart) : " |");
            }
            t.append('\n');
        }
        return t.toString();
    }

    private String header(String loadBefore, String loadAfter, long seconds) throws Exception {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        // the mode names its defaults; once rounds or times are given, the line below says what ran
        String title = "### End-to-end results" + (o.timingGiven ? "" : " (" + o.mode + " mode)") + "\n\n";
        return title
                + "- Date: " + date + "; took " + seconds + " s\n"
                + "- Machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs visible; load average " + loadBefore + " before, " + loadAfter + " after\n"
                + "- JDK: " + javaVersion() + "\n"
                + "- Per configuration: " + o.rounds + " rounds of " + o.threads + " threads, " + o.warmupMillis
                + " ms warm-up + " + o.measureMillis + " ms measured, configurations alternating in each round; "
                + o.startupRuns + " alternating start-up runs\n"
                + "- Cells: median, then (min–max spread as ± % of the median) over the rounds. Δ = median minus the "
                + "no-agent median.\n"
                + (o.ownBytes ? "- httpsignals' own B/req: objects of `io.httpsignals` classes per request, counted "
                + "exactly in one more client JVM per configuration (Epsilon and class histograms, "
                + o.threads + " threads, 20000 requests warm-up + 10000 counted)\n" : "");
    }

    private String javaVersion() throws Exception {
        Process p = new ProcessBuilder(o.java, "-XshowSettings:properties", "-version").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        String vendor = "";
        String version = "";
        for (String line : out.split("\n")) {
            line = line.trim();
            if (line.startsWith("java.vm.vendor = ")) {
                vendor = line.substring("java.vm.vendor = ".length());
            } else if (line.startsWith("java.runtime.version = ")) {
                version = line.substring("java.runtime.version = ".length());
            }
        }
        return vendor + " " + version + " (" + o.java + ")";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void writeInto(Path docs, String markdown) throws IOException {
        String text = Files.exists(docs) ? Files.readString(docs) : BEGIN + "\n" + END + "\n";
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            text = text + "\n" + BEGIN + "\n" + END + "\n";
            b = text.indexOf(BEGIN);
            e = text.indexOf(END);
        }
        Files.writeString(docs, text.substring(0, b + BEGIN.length()) + "\n" + markdown + "\n" + text.substring(e));
    }

    private interface ToDouble {
        double of(Load l);
    }

    private static List<Double> values(List<Load> loads, ToDouble f) {
        List<Double> v = new ArrayList<>();
        for (Load l : loads) {
            v.add(f.of(l));
        }
        return v;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Half the min–max range as a percentage of the median, e.g. {@code ±3%}. */
    static String spread(List<Double> values) {
        if (values.size() < 2) {
            return "";
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double pct = (max - min) / 2 / median(values) * 100;
        return String.format(Locale.ROOT, pct < 1 ? "±%.1f%%" : "±%.0f%%", pct);
    }

    // ------------------------------------------------------------------ options

    static final class Options {
        String mode = "quick";
        boolean timingGiven;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        String agentJar = "agent/target/httpsignals-agent.jar";
        String out;
        List<String> kinds = ClientKinds.ALL;
        List<String> configs = List.of();
        List<String> clientJvmArgs = List.of("-Xms256m", "-Xmx256m");
        int threads = 4;
        boolean ownBytes = true;
        int rounds;
        long warmupMillis;
        long measureMillis;
        int startupRuns;

        static Options parse(String[] args) {
            Options o = new Options();
            Map<String, String> given = new LinkedHashMap<>();
            for (String a : args) {
                if (!a.startsWith("--") || !a.contains("=")) {
                    throw new IllegalArgumentException("options are --name=value; got " + a);
                }
                given.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
            o.mode = given.getOrDefault("mode", "quick");
            o.timingGiven = given.keySet().stream()
                    .anyMatch(k -> List.of("rounds", "warmup-ms", "measure-ms", "startup-runs").contains(k));
            boolean full = o.mode.equals("full");
            o.rounds = Integer.parseInt(given.getOrDefault("rounds", full ? "5" : "2"));
            o.warmupMillis = Long.parseLong(given.getOrDefault("warmup-ms", full ? "8000" : "1500"));
            o.measureMillis = Long.parseLong(given.getOrDefault("measure-ms", full ? "8000" : "2000"));
            o.startupRuns = Integer.parseInt(given.getOrDefault("startup-runs", full ? "10" : "4"));
            o.threads = Integer.parseInt(given.getOrDefault("threads", "4"));
            o.ownBytes = Boolean.parseBoolean(given.getOrDefault("own-bytes", "true"));
            o.java = given.getOrDefault("java", o.java);
            o.agentJar = Path.of(given.getOrDefault("agent", o.agentJar)).toAbsolutePath().toString();
            o.out = given.get("out");
            if (given.containsKey("kinds")) {
                o.kinds = List.of(given.get("kinds").split(","));
            }
            if (given.containsKey("configs")) {
                o.configs = List.of(given.get("configs").split(","));
            }
            for (String k : given.keySet()) {
                if (!List.of("mode", "rounds", "warmup-ms", "measure-ms", "startup-runs", "threads", "own-bytes",
                        "java", "agent", "out", "kinds", "configs").contains(k)) {
                    throw new IllegalArgumentException("unknown option --" + k);
                }
            }
            return o;
        }
    }
}
