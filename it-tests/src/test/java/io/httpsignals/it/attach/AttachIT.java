package io.httpsignals.it.attach;

import io.httpsignals.it.attach.plugin.RequestEndsListenerProvider;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildProcess;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.PluginJars;
import io.httpsignals.it.support.RequestSignals;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import io.httpsignals.it.support.SignalRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attaches the agent to a running program that was started without it, switches its listeners by attaching again,
 * asks its status, detaches it and attaches it again, all through {@code java -jar httpsignals-agent.jar}, while the
 * program makes requests in a loop with three clients and checks every response itself.
 *
 * <p>Which requests must be in which log is decided from the program's own output, not from timing: a request whose
 * {@code [start c n]} line was printed after a command returned began after that command took effect, and a request
 * whose {@code [ok c n]} line was printed before a command began had ended before it.
 *
 * <p>Each client is checked if it emits signals at all; the JDK HttpClient must. Clients whose hooks are not in this
 * build emit nothing, which is reported, not failed.
 */
class AttachIT {

    private static final Pattern START = Pattern.compile("\\[start (\\w+) (\\d+)]");
    private static final Pattern OK = Pattern.compile("\\[ok (\\w+) (\\d+)]");
    private static final int PROGRESS = 5;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void attachSwitchStatusDetachReattach(Jdks.Jdk jdk) throws Exception {
        Path stop = dir.resolve("stop");
        Path logA = dir.resolve("a.jsonl");
        Path logB = dir.resolve("b.jsonl");
        Path logC = dir.resolve("c.jsonl");
        Path redefinitions = dir.resolve("redefinitions.log");
        Path ends = dir.resolve("ends.txt");
        Path plugin = PluginJars.build(dir.resolve("ends-plugin.jar"), RequestEndsListenerProvider.class);
        try (Http1Server server = Http1Server.start();
             HoldServer hold = new HoldServer(RequestLoopProgram.CLIENTS.size());
             ChildProcess app = ChildJvm.on(jdk).mainClass(RequestLoopProgram.class)
                     // the JVM's own record of each retransformation: attach, detach and re-attach, not the switch
                     .jvmArg("-Xlog:redefine+class+load=info:file=" + redefinitions)
                     .args(server.uri("").toString(), hold.url(), stop.toString())
                     .timeout(Duration.ofMinutes(3)).start()) {
            String pid = String.valueOf(app.pid());
            hold.awaitArrivals();
            awaitProgress(app, Map.of());

            AgentCli.Result list = AgentCli.run(jdk, "list");
            assertEquals(0, list.exitCode(), list.describe());
            assertTrue(list.stdout().lines().anyMatch(l -> l.matches(pid + " +"
                    + Pattern.quote(RequestLoopProgram.class.getName()) + " .*")), list.describe());

            // attach: the held requests are in flight, the loops keep going
            Map<String, Integer> beforeAttach = last(OK, app);
            AgentCli.Result attach = AgentCli.run(jdk, "attach", pid, "listeners=log", "log.file=" + logA);
            assertEquals(0, attach.exitCode(), attach.describe());
            assertTrue(attach.stdout().contains("httpsignals agent attached to pid " + pid), attach.describe());
            Map<String, Integer> afterAttach = last(START, app);
            hold.release();
            for (String client : RequestLoopProgram.CLIENTS) {
                app.awaitStdout("[held-ok " + client + "]", WAIT);
            }
            awaitProgress(app, afterAttach);

            // attach again: another set of listeners, the log in another file plus a plugin listener
            Map<String, Integer> beforeSwitch = last(OK, app);
            AgentCli.Result again = AgentCli.run(jdk, "attach", pid, "plugins=" + plugin, "listeners=log,ends",
                    "log.file=" + logB, "ends.file=" + ends);
            assertEquals(0, again.exitCode(), again.describe());
            assertTrue(again.stdout().contains("httpsignals agent reconfigured in pid " + pid), again.describe());
            Map<String, Integer> afterSwitch = last(START, app);
            awaitProgress(app, afterSwitch);
            SignalLog a = SignalLog.read(logA); // closed, so complete, since the switch

            AgentCli.Result status = AgentCli.run(jdk, "status", pid);
            assertEquals(0, status.exitCode(), status.describe());
            assertStatusAttached(status, pid, logB);
            assertTrue(status.stdout().contains("\nlisteners: log (0 errors), ends (0 errors)\n"), status.describe());

            Map<String, Integer> beforeDetach = last(OK, app);
            AgentCli.Result detach = AgentCli.run(jdk, "detach", pid);
            assertEquals(0, detach.exitCode(), detach.describe());
            assertTrue(detach.stdout().contains("httpsignals agent detached from pid " + pid), detach.describe());
            assertTrue(detach.stdout().contains("listeners stopped: log, ends"), detach.describe());
            Map<String, Integer> afterDetach = last(START, app);
            awaitProgress(app, afterDetach);
            SignalLog b = SignalLog.read(logB);
            // the plugin saw exactly the requests the log saw end, and was closed by the detach
            List<String> endedInB = b.requests().stream().map(r -> r.last().status() + " " + r.url()).sorted()
                    .toList();
            assertEquals(endedInB, Files.readAllLines(ends).stream().sorted().toList());

            AgentCli.Result detachedStatus = AgentCli.run(jdk, "status", pid);
            assertEquals(0, detachedStatus.exitCode(), detachedStatus.describe());
            assertTrue(detachedStatus.stdout().contains("state: detached"), detachedStatus.describe());
            assertTrue(detachedStatus.stdout().contains("listeners: none"), detachedStatus.describe());

            Map<String, Integer> beforeReattach = last(OK, app);
            AgentCli.Result reattach = AgentCli.run(jdk, "attach", pid, "listeners=log", "log.file=" + logC);
            assertEquals(0, reattach.exitCode(), reattach.describe());
            assertTrue(reattach.stdout().contains("httpsignals agent attached to pid " + pid), reattach.describe());
            Map<String, Integer> afterReattach = last(START, app);
            awaitProgress(app, afterReattach);

            Files.createFile(stop);
            ChildResult result = app.waitFor();
            SignalLog c = SignalLog.read(logC); // flushed by the shutdown hook

            assertProgramUnharmed(result, jdk, attach);
            List<String> hookedClass = Files.readAllLines(redefinitions).stream()
                    .filter(l -> l.contains("redefined name=jdk.internal.net.http.HttpClientImpl,")).toList();
            assertEquals(3, hookedClass.size(), "HttpClientImpl must be retransformed by the attach, restored by the"
                    + " detach and retransformed by the re-attach:\n" + String.join("\n", hookedClass));
            for (SignalLog log : List.of(a, b, c)) {
                assertWellFormed(log);
            }
            Map<String, Integer> last = last(START, result.stdout());
            List<String> silent = new ArrayList<>();
            for (String client : RequestLoopProgram.CLIENTS) {
                assertTrue(requests(a, hold.url()).isEmpty() && requests(b, hold.url()).isEmpty()
                        && requests(c, hold.url()).isEmpty(), "a request in flight at attach emitted signals");
                if (requests(a, client).isEmpty() && requests(b, client).isEmpty() && requests(c, client).isEmpty()) {
                    assertFalse(client.equals("jdk"), "the JDK HttpClient emitted no signal\n" + a.dump());
                    silent.add(client);
                    continue;
                }
                int startA = afterAttach.get(client);
                int startB = afterSwitch.get(client);
                int startC = afterReattach.get(client);
                // a log holds exactly what began after its attach and ended before the next command; between
                // those bounds a request may be in either log, never in none
                assertNumbers(a, client, beforeAttach.get(client), startA, beforeSwitch.get(client), startB);
                assertNumbers(b, client, beforeSwitch.get(client), startB, beforeDetach.get(client),
                        afterDetach.get(client));
                assertNumbers(c, client, beforeReattach.get(client), startC, last.get(client), Integer.MAX_VALUE);
                Set<Integer> detached = new TreeSet<>();
                for (int n = afterDetach.get(client) + 1; n <= beforeReattach.get(client); n++) {
                    detached.add(n);
                }
                detached.retainAll(union(numbers(a, client), numbers(b, client), numbers(c, client)));
                assertTrue(detached.isEmpty(), client + " requests emitted signals while detached: " + detached);
                for (SignalLog log : List.of(a, b, c)) {
                    for (RequestSignals r : requests(log, client)) {
                        assertEquals("request_start", r.names().get(0), r.describe());
                        assertEquals("request_end", r.last().signal(), r.describe());
                        assertEquals(200, r.last().status(), r.describe());
                    }
                }
                assertPooledConnectionReused(a, client);
            }
            if (!silent.isEmpty()) {
                System.out.println("AttachIT[" + jdk + "]: no signals from " + silent
                        + " (not instrumented in this build); their requests were checked for errors only");
            }
        }
    }

    /**
     * Every request follows {@link SignalGrammar}, except that a request with only {@code request_start} and
     * {@code request_end} is accepted: that is what a client emits while only its start and end hooks exist (the
     * JDK HttpClient in the foundation build); the other hooks come from other branches.
     */
    private static void assertWellFormed(SignalLog log) {
        List<String> problems = new ArrayList<>();
        for (RequestSignals r : log.requests()) {
            if (r.names().equals(List.of("request_start", "request_end"))) {
                continue;
            }
            SignalGrammar.validate(r).forEach(v -> problems.add(r.describe() + " " + r.names() + ": " + v));
        }
        assertTrue(problems.isEmpty(), "signal grammar violated in " + log.source() + ":\n  "
                + String.join("\n  ", problems));
    }

    private static void assertStatusAttached(AgentCli.Result status, String pid, Path log) {
        String out = status.stdout();
        assertTrue(out.startsWith("httpsignals agent "), status.describe());
        assertTrue(out.contains(" in pid " + pid + " "), status.describe());
        assertTrue(out.contains("\nstate: attached since "), status.describe());
        assertTrue(out.contains("loaded into the running JVM"), status.describe());
        assertTrue(out.lines().anyMatch(l -> l.startsWith("options: ") && l.contains("log.file=" + log)
                && l.contains("listeners=log")), status.describe());
        assertTrue(out.contains("\n  jdk.internal.net.http.HttpClientImpl SendAsyncAdvice\n"), status.describe());
        Matcher installed = Pattern.compile("\nhooks installed: (\\d+)\n").matcher(out);
        assertTrue(installed.find() && Integer.parseInt(installed.group(1)) >= 1, status.describe());
        assertTrue(out.contains("\nhooks skipped: "), status.describe());
        Matcher counts = Pattern.compile("\nrequests: (\\d+), signals: (\\d+), listener errors: 0, signals dropped by asynchronous dispatch: 0 ").matcher(out);
        assertTrue(counts.find() && Long.parseLong(counts.group(1)) > 0
                && Long.parseLong(counts.group(2)) >= Long.parseLong(counts.group(1)), status.describe());
    }

    private static void assertProgramUnharmed(ChildResult result, Jdks.Jdk jdk, AgentCli.Result attach) {
        assertEquals(0, result.exitCode(), result.describe());
        assertFalse(result.stdout().contains("[ERROR"), result.describe());
        for (String client : RequestLoopProgram.CLIENTS) {
            assertTrue(Pattern.compile("\\[done " + client + " requests=\\d+ errors=0]").matcher(result.stdout())
                    .find(), result.describe());
        }
        assertFalse(result.stderr().contains("httpsignals:"), result.describe());
        assertFalse(result.stderr().contains("Exception"), result.describe());
        boolean warned = result.stderr().contains("WARNING: A Java agent has been loaded dynamically");
        // JDK 21+ warns about dynamically loaded agents (JEP 451); the command line says how to allow them silently
        assertEquals(jdk.feature() >= 21, warned, result.describe());
        assertEquals(jdk.feature() >= 21, attach.stderr().contains("-XX:+EnableDynamicAgentLoading"),
                attach.describe());
    }

    /**
     * In {@code log}, the requests of {@code client} numbered up to {@code endedBefore} (ended before the attach)
     * are absent, those from {@code startedAfter + 1} to {@code endedBeforeNext} are present, and those after
     * {@code startedAfterNext} (begun after the next command) are absent.
     */
    private static void assertNumbers(SignalLog log, String client, int endedBefore, int startedAfter,
                                      int endedBeforeNext, int startedAfterNext) {
        Set<Integer> found = numbers(log, client);
        for (int n : found) {
            assertTrue(n > endedBefore && n <= startedAfterNext, client + " request " + n + " is in " + log.source()
                    + " but ran outside its attach (" + endedBefore + ", " + startedAfterNext + "]; found " + found);
        }
        for (int n = startedAfter + 1; n <= endedBeforeNext; n++) {
            assertTrue(found.contains(n), client + " request " + n + " is missing from " + log.source()
                    + "; found " + found);
        }
    }

    /**
     * A client that reports connections must report the pooled connection it opened before the attach as reused:
     * some request takes a connection whose creation the log never saw.
     */
    private static void assertPooledConnectionReused(SignalLog log, String client) {
        List<RequestSignals> requests = requests(log, client);
        boolean reportsConnections = requests.stream()
                .anyMatch(r -> r.has("connection_reuseconn") || r.has("connection_create_end"));
        if (!reportsConnections) {
            return;
        }
        Set<Long> created = new HashSet<>();
        requests.forEach(r -> r.all("connection_create_end").forEach(s -> created.add(s.connection())));
        boolean reusedOld = requests.stream().flatMap(r -> r.all("connection_reuseconn").stream())
                .map(SignalRecord::connection).anyMatch(id -> !created.contains(id));
        assertTrue(reusedOld, client + ": no request reported the connection pooled before the attach as reused\n"
                + log.dump());
    }

    private static List<RequestSignals> requests(SignalLog log, String clientOrUrl) {
        return log.requestsForUrl(clientOrUrl.startsWith("http") ? clientOrUrl : "client=" + clientOrUrl + "&");
    }

    private static Set<Integer> numbers(SignalLog log, String client) {
        Set<Integer> numbers = new TreeSet<>();
        Pattern n = Pattern.compile("[?&]n=(\\d+)");
        for (RequestSignals r : requests(log, client)) {
            Matcher m = n.matcher(r.url());
            assertTrue(m.find(), r.describe());
            numbers.add(Integer.parseInt(m.group(1)));
        }
        return numbers;
    }

    @SafeVarargs
    private static Set<Integer> union(Set<Integer>... sets) {
        Set<Integer> all = new HashSet<>();
        for (Set<Integer> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    /** Waits until every client completed {@link #PROGRESS} more requests than {@code from} says. */
    private static void awaitProgress(ChildProcess app, Map<String, Integer> from) {
        for (String client : RequestLoopProgram.CLIENTS) {
            app.awaitStdout("[ok " + client + " " + (from.getOrDefault(client, 0) + PROGRESS) + "]", WAIT);
        }
    }

    private static Map<String, Integer> last(Pattern pattern, ChildProcess app) {
        return last(pattern, app.stdoutSoFar());
    }

    /** The highest request number per client among the lines matching {@code pattern}. */
    private static Map<String, Integer> last(Pattern pattern, String stdout) {
        Map<String, Integer> last = new HashMap<>();
        for (String client : RequestLoopProgram.CLIENTS) {
            last.put(client, 0);
        }
        Matcher m = pattern.matcher(stdout);
        while (m.find()) {
            last.merge(m.group(1), Integer.parseInt(m.group(2)), Math::max);
        }
        return last;
    }
}
