package io.httpsignals.it.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildJvmTest {

    /** The child program: echoes what it got, exits with the code in args[0]. */
    public static final class Program {
        public static void main(String[] args) throws Exception {
            System.out.println("feature=" + Runtime.version().feature());
            System.out.println("prop=" + System.getProperty("it.test.prop"));
            System.out.println("env=" + System.getenv("IT_TEST_ENV"));
            System.err.println("to stderr");
            if (args.length > 1 && args[1].equals("serve")) {
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(60_000);
            }
            if (args.length > 1 && args[1].equals("flood")) {
                // more than a pipe buffer on both streams: only works if both are drained concurrently
                String line = "x".repeat(1000);
                for (int i = 0; i < 500; i++) {
                    System.err.println(line);
                    System.out.println(line);
                }
            }
            System.exit(Integer.parseInt(args[0]));
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void runsProgramsFromTheTestClassPath(Jdks.Jdk jdk) {
        ChildResult r = ChildJvm.on(jdk).mainClass(Program.class).systemProperty("it.test.prop", "p1")
                .env("IT_TEST_ENV", "e1").args("3").timeout(Duration.ofSeconds(20)).run();
        assertEquals(3, r.exitCode(), r.describe());
        assertTrue(r.stdoutLines().contains("feature=" + jdk.feature()), r.describe());
        assertTrue(r.stdout().contains("prop=p1\n"), r.describe());
        assertTrue(r.stdout().contains("env=e1\n"), r.describe());
        assertEquals("to stderr", r.stderr().strip());
    }

    @Test
    void drainsBothStreams() {
        ChildResult r = ChildJvm.on(Jdks.current()).mainClass(Program.class).args("0", "flood")
                .timeout(Duration.ofSeconds(20)).run();
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().length() > 500_000 && r.stderr().length() > 500_000);
    }

    @Test
    void killsOnTimeoutAndShowsOutput() {
        AssertionError e = assertThrows(AssertionError.class, () -> ChildJvm.on(Jdks.current())
                .mainClass(Program.class).args("0", "serve").timeout(Duration.ofMillis(1500)).run());
        assertTrue(e.getMessage().contains("did not finish within 1500 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("ready"), e.getMessage());
    }

    @Test
    void startsLongRunningChildren() {
        try (ChildProcess child = ChildJvm.on(Jdks.current()).mainClass(Program.class).args("0", "serve").start()) {
            child.awaitStdout("ready", Duration.ofSeconds(20));
            assertTrue(child.pid() > 0);
            assertTrue(child.isAlive());
            assertTrue(child.stdoutSoFar().contains("prop=null"));
            ChildResult r = child.destroy(Duration.ofSeconds(5));
            assertFalse(child.isAlive());
            assertTrue(r.stdout().contains("ready"));
        }
    }

    @Test
    void agentArgumentSyntax() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("listeners", "log");
        options.put("log.file", "/tmp/s.jsonl");
        assertEquals("-javaagent:/x/a.jar=listeners=log;log.file=/tmp/s.jsonl",
                ChildJvm.javaAgentArgument(Path.of("/x/a.jar"), options));
        assertEquals("-javaagent:/x/a.jar", ChildJvm.javaAgentArgument(Path.of("/x/a.jar"), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> ChildJvm.on(Jdks.current()).withAgent(Map.of("listeners", "log;jfr")));
    }

    @Test
    void missingAgentJarFailsClearly() {
        String saved = System.getProperty(ChildJvm.AGENT_JAR_PROPERTY);
        System.setProperty(ChildJvm.AGENT_JAR_PROPERTY, "/nonexistent/httpsignals-agent.jar");
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> ChildJvm.on(Jdks.current())
                    .withAgent().mainClass(Program.class).command());
            assertTrue(e.getMessage().contains("run mvn package first"), e.getMessage());
            assertFalse(ChildJvm.agentJarExists());
        } finally {
            if (saved == null) {
                System.clearProperty(ChildJvm.AGENT_JAR_PROPERTY);
            } else {
                System.setProperty(ChildJvm.AGENT_JAR_PROPERTY, saved);
            }
        }
    }
}
