package io.httpsignals.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.management.ObjectName;

/**
 * Which classes a configuration allocates per request, exactly: the client JVM runs with Epsilon (a collector that
 * never collects) and a heap large enough for the whole run, and the probe takes class histograms of every object
 * in the heap, reachable or not, before and after the measured requests. Run it once per configuration, then
 * {@code diff} two outputs to see which objects an agent configuration adds or saves. This is how the JIT effects in
 * docs/benchmarks.md were found (e.g. an iterator that escape analysis removes without an agent and no longer
 * removes with any {@code -javaagent}, even an empty one).
 *
 * <pre>
 * java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms6g -Xmx6g [-javaagent:...] \
 *      -cp benchmarks/target/benchmarks.jar io.httpsignals.benchmarks.e2e.ClassAllocationProbe \
 *      jdk-sync http://127.0.0.1:n/hello 40000 10000 1 > none.txt     # kind url warm-up measured threads
 * java -cp benchmarks/target/benchmarks.jar io.httpsignals.benchmarks.e2e.ClassAllocationProbe diff none.txt summary.txt
 * </pre>
 * Lines are "objects/request bytes/request class". {@code [I} is left out: the collector fills the unused ends of
 * allocation buffers with int arrays, which are not allocations of the program. Separate JVMs of one configuration
 * differ by the JIT's decisions: compare two or three of each.
 */
public final class ClassAllocationProbe {

    private static final String FILLER = "[I";

    private ClassAllocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("diff")) {
            diff(read(Path.of(args[1])), read(Path.of(args[2])));
            return;
        }
        if (args.length != 5) {
            System.err.println("usage: ClassAllocationProbe <kind> <url> <warm-up requests> <measured requests> <threads>"
                    + "\n       ClassAllocationProbe diff <before.txt> <after.txt>");
            System.exit(2);
        }
        int warmUp = Integer.parseInt(args[2]);
        int measured = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        Map<String, long[]> before;
        Map<String, long[]> after;
        try (ClientKinds.Client client = ClientKinds.create(args[0], URI.create(args[1]), threads)) {
            run(client, threads, warmUp);
            before = histogram();
            run(client, threads, measured);
            after = histogram();
        }
        // what taking a histogram allocates itself, measured by taking a third one right away
        Map<String, long[]> again = histogram();
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] a = e.getValue();
            long[] own = again.getOrDefault(e.getKey(), a);
            long objects = a[0] - b[0] - (own[0] - a[0]);
            long bytes = a[1] - b[1] - (own[1] - a[1]);
            if (bytes != 0 && !e.getKey().equals(FILLER)) {
                lines.add(String.format(Locale.ROOT, "%.2f %.1f %s", objects / (double) measured,
                        bytes / (double) measured, e.getKey()));
            }
        }
        lines.sort((x, y) -> Double.compare(Double.parseDouble(y.split(" ")[1]), Double.parseDouble(x.split(" ")[1])));
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static void run(ClientKinds.Client client, int threads, int requests) throws InterruptedException {
        Thread[] workers = new Thread[threads];
        Throwable[] failure = new Throwable[1];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < requests / threads; i++) {
                        client.get();
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("a request failed", failure[0]);
        }
    }

    /** Objects and bytes per class (module suffix and lambda numbers dropped, so two JVMs' lines match). */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[] {"-all"}}, new String[] {String[].class.getName()});
        Map<String, long[]> byClass = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length >= 4 && p[0].endsWith(":")) {
                long[] v = byClass.computeIfAbsent(normalize(p[3]), k -> new long[2]);
                v[0] += Long.parseLong(p[1]);
                v[1] += Long.parseLong(p[2]);
            }
        }
        return byClass;
    }

    private static String normalize(String className) {
        return className.replaceAll("\\$\\$Lambda\\$?[0-9]*[/+]0x[0-9a-f]+", "\\$\\$Lambda");
    }

    private static Map<String, double[]> read(Path file) throws Exception {
        Map<String, double[]> byClass = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] p = line.split(" ", 3);
            // other lines (the JVM's own warnings go to standard output too) are skipped
            if (p.length == 3 && p[0].matches("-?[0-9.]+") && p[1].matches("-?[0-9.]+")) {
                byClass.put(p[2], new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
            }
        }
        return byClass;
    }

    private static void diff(Map<String, double[]> a, Map<String, double[]> b) {
        TreeSet<String> classes = new TreeSet<>(a.keySet());
        classes.addAll(b.keySet());
        List<String> lines = new ArrayList<>();
        double total = 0;
        for (String c : classes) {
            double[] x = a.getOrDefault(c, new double[2]);
            double[] y = b.getOrDefault(c, new double[2]);
            total += y[1] - x[1];
            if (Math.abs(y[1] - x[1]) >= 4) {
                lines.add(String.format(Locale.ROOT, "%+8.1f B %+6.2f objects  %s", y[1] - x[1], y[0] - x[0], c));
            }
        }
        lines.sort((p, q) -> Double.compare(Math.abs(Double.parseDouble(q.trim().split("\\s+")[0])),
                Math.abs(Double.parseDouble(p.trim().split("\\s+")[0]))));
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "total %+.1f B/request%n", total);
    }
}
