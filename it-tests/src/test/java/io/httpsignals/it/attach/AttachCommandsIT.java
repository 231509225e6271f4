package io.httpsignals.it.attach;

import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildProcess;
import io.httpsignals.it.support.Jdks;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The attach commands around the main scenario of {@link AttachIT}: a second copy of the agent jar finding the
 * running agent, an agent loaded at JVM start, a JVM without the agent, and every error the command line must
 * report clearly with its own exit code (see {@code docs/attach.md}).
 */
class AttachCommandsIT {

    private static final int FAILED = 1;
    private static final int USAGE = 2;
    private static final int NO_JVM = 3;
    private static final int OTHER_USER = 4;
    private static final int ATTACH_DISALLOWED = 5;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void attachFromAnotherJarCopyReconfiguresTheAgentLoadedAtStartAllOrNothing(Jdks.Jdk jdk) throws Exception {
        Path copy = Files.copy(ChildJvm.agentJar(), dir.resolve("another-copy.jar"));
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");
        try (ChildProcess app = idle(ChildJvm.on(jdk)
                .withAgent(Map.of("listeners", "log", "log.file", first.toString())))) {
            String pid = String.valueOf(app.pid());
            AgentCli.Result attach = run(jdk, copy, "attach", pid, "listeners=log", "log.file=" + second);
            assertEquals(0, attach.exitCode(), attach.describe());
            assertTrue(attach.stdout().contains("httpsignals agent reconfigured in pid " + pid), attach.describe());

            AgentCli.Result status = run(jdk, copy, "status", pid);
            assertEquals(0, status.exitCode(), status.describe());
            assertTrue(status.stdout().contains("loaded at JVM start"), status.describe());
            assertTrue(status.stdout().contains("\nagent jar: " + ChildJvm.agentJar() + "\n"), status.describe());
            assertTrue(status.stdout().contains("log.file=" + second), status.describe());

            // a reconfiguration is all or nothing: the running listeners stay if a new one cannot start
            AgentCli.Result broken = AgentCli.run(jdk, "attach", pid, "listeners=log",
                    "log.file=" + dir.resolve("no-such-dir/x.jsonl"));
            assertEquals(FAILED, broken.exitCode(), broken.describe());
            assertTrue(broken.stderr().contains("httpsignals agent: nothing changed in pid " + pid
                    + ": these listeners did not start: log; the previous listeners run on"), broken.describe());
            assertTrue(broken.stderr().contains("warning: listener 'log' (built-in) failed to start"),
                    broken.describe());
            AgentCli.Result none = AgentCli.run(jdk, "attach", pid);
            assertEquals(FAILED, none.exitCode(), none.describe());
            String refusal = "httpsignals agent: nothing changed in pid " + pid
                    + ": no listener named (e.g. listeners=log); the previous listeners run on\n";
            assertTrue(("\n" + none.stderr()).endsWith("\n" + refusal), none.describe());
            AgentCli.Result unchanged = AgentCli.run(jdk, "status", pid);
            assertTrue(unchanged.stdout().contains("log.file=" + second), unchanged.describe());
            assertTrue(unchanged.stdout().contains("\nlisteners: log (0 errors)\n"), unchanged.describe());

            AgentCli.Result detach = AgentCli.run(jdk, "detach", pid);
            assertEquals(0, detach.exitCode(), detach.describe());
            AgentCli.Result again = AgentCli.run(jdk, "detach", pid);
            assertEquals(FAILED, again.exitCode(), again.describe());
            assertTrue(again.stderr().contains("not attached"), again.describe());
            assertTrue(app.isAlive());
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void statusAndDetachOfAJvmWithoutTheAgent(Jdks.Jdk jdk) {
        try (ChildProcess app = idle(ChildJvm.on(jdk))) {
            String pid = String.valueOf(app.pid());
            AgentCli.Result status = AgentCli.run(jdk, "status", pid);
            assertEquals(0, status.exitCode(), status.describe());
            assertEquals("httpsignals agent is not loaded in pid " + pid + "\n", status.stdout(), status.describe());
            AgentCli.Result detach = AgentCli.run(jdk, "detach", pid);
            assertEquals(FAILED, detach.exitCode(), detach.describe());
            assertTrue(detach.stderr().contains("httpsignals agent is not loaded in pid " + pid), detach.describe());
            // neither command loaded the agent: a later status still finds none
            assertEquals(status.stdout(), AgentCli.run(jdk, "status", pid).stdout());
            assertTrue(app.isAlive());
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void usageErrorsNoSuchPidAndNotAJvm(Jdks.Jdk jdk) throws Exception {
        assertFails(AgentCli.run(jdk, "attach"), USAGE, "attach needs the pid of a Java VM");
        assertFails(AgentCli.run(jdk, "attach", "twelve"), USAGE, "'twelve' is not a pid");
        assertFails(AgentCli.run(jdk, "attach", "1", "listeners"), USAGE, "option 'listeners' is not key=value");
        assertFails(AgentCli.run(jdk, "status", "2147483000"), NO_JVM, "no process with pid 2147483000");

        Process sleep = new ProcessBuilder("sleep", "120").start();
        try {
            assertFails(AgentCli.run(jdk, "attach", String.valueOf(sleep.pid()), "listeners=log"), NO_JVM,
                    "pid " + sleep.pid() + " is not a Java VM");
            assertTrue(sleep.isAlive(), "the attach mechanism's SIGQUIT must not be sent to a process that dies of it");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void jvmThatDisablesAttach(Jdks.Jdk jdk) {
        try (ChildProcess app = idle(ChildJvm.on(jdk).jvmArg("-XX:+DisableAttachMechanism"))) {
            assertFails(AgentCli.run(jdk, "attach", String.valueOf(app.pid()), "listeners=log"), ATTACH_DISALLOWED,
                    "-XX:+DisableAttachMechanism");
        }
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void jvmThatDisablesDynamicAgents(Jdks.Jdk jdk) {
        try (ChildProcess app = idle(ChildJvm.on(jdk).jvmArg("-XX:-EnableDynamicAgentLoading"))) {
            assertFails(AgentCli.run(jdk, "attach", String.valueOf(app.pid()), "listeners=log"), ATTACH_DISALLOWED,
                    "-XX:-EnableDynamicAgentLoading");
            assertTrue(app.isAlive());
        }
    }

    /** Needs root (to start a JVM as user nobody) and setpriv; skipped otherwise. */
    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void jvmOfAnotherUser(Jdks.Jdk jdk) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a JVM as another user");
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue(Files.isExecutable(setpriv), "needs setpriv");
        Path classes = worldReadableCopyOf(IdleProgram.class);
        Process other = new ProcessBuilder(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                jdk.javaExecutable().toString(), "-cp", classes.toString(), IdleProgram.class.getName())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("[idle]", out.readLine());
            String owner = ProcessHandle.of(other.pid()).orElseThrow().info().user().orElseThrow();
            assertFails(AgentCli.run(jdk, "attach", String.valueOf(other.pid()), "listeners=log"), OTHER_USER,
                    "pid " + other.pid() + " belongs to user " + owner + ", not to root");
        } finally {
            other.destroyForcibly();
        }
    }

    private Path worldReadableCopyOf(Class<?> program) throws Exception {
        String resource = program.getName().replace('.', '/') + ".class";
        Path classes = dir.resolve("classes");
        Path target = classes.resolve(resource);
        Files.createDirectories(target.getParent());
        try (var in = program.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        for (Path p = target.getParent(); p.startsWith(dir.getParent()); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        return classes;
    }

    private static ChildProcess idle(ChildJvm jvm) {
        ChildProcess app = jvm.mainClass(IdleProgram.class).timeout(WAIT).start();
        app.awaitStdout("[idle]", WAIT);
        return app;
    }

    private static AgentCli.Result run(Jdks.Jdk jdk, Path jar, String... args) {
        return AgentCli.run(List.of(), jdk, jar, args);
    }

    private static void assertFails(AgentCli.Result result, int exitCode, String message) {
        assertEquals(exitCode, result.exitCode(), result.describe());
        assertTrue(result.stderr().startsWith("httpsignals: "), result.describe());
        assertTrue(result.stderr().contains(message), result.describe());
        assertEquals("", result.stdout(), result.describe());
    }
}
