package io.httpsignals.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Locale;

/**
 * Bytes allocated per request of one client kind on ONE thread, in several rounds inside one JVM: far steadier
 * than the 4-thread e2e (rounds of one JVM agree within a few bytes), so it shows what a change to the agent's own
 * objects saved. Separate JVMs of one configuration still differ by up to ~150 B (JIT decisions): compare several.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.httpsignals.benchmarks.e2e.E2eServer 4      # prints PORT n
 * java [-javaagent:agent/target/httpsignals-agent.jar=listeners=summary] -Xms256m -Xmx256m \
 *      -cp benchmarks/target/benchmarks.jar io.httpsignals.benchmarks.e2e.AllocationProbe \
 *      apache5 http://127.0.0.1:n/hello 30000 10000 4           # kind url warm-up requests-per-round rounds
 * </pre>
 * Prints the bytes per request of each round. Threads that start during a round (the JDK client's completion
 * threads) are not counted.
 */
public final class AllocationProbe {

    private AllocationProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: AllocationProbe <kind> <url> <warm-up requests> <requests per round> <rounds>");
            System.exit(2);
        }
        int warmUp = Integer.parseInt(args[2]);
        int perRound = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder();
        try (ClientKinds.Client client = ClientKinds.create(args[0], URI.create(args[1]), 1)) {
            for (int i = 0; i < warmUp; i++) {
                client.get();
            }
            for (int r = 0; r < rounds; r++) {
                long[] ids = threads.getAllThreadIds();
                long before = allocated(threads, ids);
                for (int i = 0; i < perRound; i++) {
                    client.get();
                }
                long after = allocated(threads, ids);
                out.append(String.format(Locale.ROOT, " %.0f", (after - before) / (double) perRound));
            }
        }
        System.out.println("B/req" + out);
        System.exit(0);
    }

    private static long allocated(com.sun.management.ThreadMXBean threads, long[] ids) {
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(ids)) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }
}
