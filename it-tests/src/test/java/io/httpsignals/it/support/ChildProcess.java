package io.httpsignals.it.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running child JVM started by {@link ChildJvm#start()}. Close it (try-with-resources) so that a failing test
 * does not leave it running.
 */
public final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final List<String> command;
    private final StreamDrainer stdout;
    private final StreamDrainer stderr;
    private final long startNanos;
    private final Duration defaultTimeout;

    ChildProcess(Process process, List<String> command, Duration defaultTimeout) {
        this.process = process;
        this.command = List.copyOf(command);
        this.startNanos = System.nanoTime();
        this.defaultTimeout = defaultTimeout;
        this.stdout = new StreamDrainer(process.getInputStream(), "child-" + process.pid() + "-stdout");
        this.stderr = new StreamDrainer(process.getErrorStream(), "child-" + process.pid() + "-stderr");
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> command() {
        return command;
    }

    public String stdoutSoFar() {
        return stdout.soFar();
    }

    public String stderrSoFar() {
        return stderr.soFar();
    }

    /**
     * Waits until the child printed {@code text} on stdout, e.g. a "ready" line. Fails with the output so far if it
     * does not appear in time or the child exits first.
     */
    public void awaitStdout(String text, Duration timeout) {
        try {
            if (!stdout.awaitContains(text, timeout.toMillis())) {
                throw new AssertionError("child did not print '" + text + "' on stdout within " + timeout.toMillis()
                        + " ms (alive: " + process.isAlive() + ")\n" + describeSoFar());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child", e);
        }
    }

    /** Waits for the child to exit within the timeout given to the builder. */
    public ChildResult waitFor() {
        return waitFor(defaultTimeout);
    }

    /** Waits for the child to exit; on timeout kills it and fails with the output captured so far. */
    public ChildResult waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("child JVM did not finish within " + timeout.toMillis() + " ms and was"
                        + " killed\n" + describeSoFar());
            }
            return finish(process.exitValue());
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the child", e);
        }
    }

    /** Asks the child to stop (SIGTERM, so shutdown hooks run) and waits for it; kills it if it does not stop. */
    public ChildResult destroy(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            return finish(process.isAlive() ? -1 : process.exitValue());
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping the child", e);
        }
    }

    /** Kills the child (SIGKILL) and whatever it started. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private ChildResult finish(int exitCode) throws InterruptedException {
        // the streams reach end of file right after exit; give the drainers a moment to read the tail
        stdout.awaitEnd(2000);
        stderr.awaitEnd(2000);
        return new ChildResult(exitCode, stdout.soFar(), stderr.soFar(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private String describeSoFar() {
        return "command: " + String.join(" ", command) + "\n--- stdout so far ---\n" + stdout.soFar()
                + "\n--- stderr so far ---\n" + stderr.soFar() + "\n---------------------";
    }
}
