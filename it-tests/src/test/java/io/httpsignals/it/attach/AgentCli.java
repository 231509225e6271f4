package io.httpsignals.it.attach;

import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.Jdks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar httpsignals-agent.jar <args>} on a JDK, as an operator would. */
final class AgentCli {

    /** What one run of the command line printed. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        String describe() {
            return "$ " + String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout ---\n" + stdout
                    + "--- stderr ---\n" + stderr + "--------------";
        }
    }

    private AgentCli() {
    }

    static Result run(Jdks.Jdk jdk, String... args) {
        return run(List.of(), jdk, ChildJvm.agentJar(), args);
    }

    /** With a command prefix (e.g. {@code setpriv ...} to run as another user) and a given copy of the jar. */
    static Result run(List<String> prefix, Jdks.Jdk jdk, Path agentJar, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(jdk.javaExecutable().toString());
        command.add("-jar");
        command.add(agentJar.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        try {
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p, false));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p, true));
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", command));
            }
            return new Result(command, p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Process p, boolean stderr) {
        try {
            return new String((stderr ? p.getErrorStream() : p.getInputStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
