package io.httpsignals.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code list}, {@code attach <pid> [key=value ...]}, {@code detach <pid>} and {@code status <pid>}.
 *
 * <p>Each command loads the agent jar into the target through the JDK's attach mechanism ({@code jdk.attach}) with
 * agent arguments {@code command=<attach|detach|status>;reply=<file>;<options>}. The launcher in the target hands the
 * command to the agent already running there (or, for {@code attach}, starts it) and writes its answer to the reply
 * file, which this command prints. Nothing in the target listens on a socket.
 */
final class AttachCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NO_JVM = 3;
    static final int OTHER_USER = 4;
    static final int ATTACH_DISALLOWED = 5;
    static final int OLD_JDK = 6;

    private static final int MIN_FEATURE = 17;
    private static final int SIGQUIT = 3;

    private final PrintStream out;
    private final PrintStream err;

    AttachCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The JVMs of this user, except this one. */
    int list() {
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> vms = new ArrayList<>(VirtualMachine.list());
        vms.removeIf(vm -> vm.id().equals(String.valueOf(self)));
        vms.sort(Comparator.comparingLong(vm -> parsePid(vm.id())));
        out.printf("%-8s %s%n", "PID", "MAIN CLASS OR JAR, ARGUMENTS");
        for (VirtualMachineDescriptor vm : vms) {
            out.printf("%-8s %s%n", vm.id(), vm.displayName().isBlank() ? "(unknown)" : vm.displayName());
        }
        if (vms.isEmpty()) {
            err.println("no other Java VM of user " + System.getProperty("user.name") + " found (JVMs of other"
                    + " users, and JVMs started with -XX:-UsePerfData, are not listed)");
        }
        return OK;
    }

    /** {@code attach}, {@code detach} or {@code status}: {@code args} = pid, then key=value options (attach only). */
    int send(String command, String[] args) {
        if (args.length == 0) {
            return usage(command + " needs the pid of a Java VM (see: java -jar httpsignals-agent.jar list)");
        }
        long pid = parsePid(args[0]);
        if (pid <= 0) {
            return usage("'" + args[0] + "' is not a pid");
        }
        if (!command.equals("attach") && args.length > 1) {
            return usage(command + " takes only a pid");
        }
        StringBuilder options = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            int eq = option.indexOf('=');
            if (eq <= 0 || option.contains(";")) {
                return usage("option '" + option + "' is not key=value (a value cannot contain ';')");
            }
            String key = option.substring(0, eq).replaceFirst("^httpsignals\\.", "");
            if (key.equals("command") || key.equals("reply")) {
                return usage("'" + key + "' is reserved for the command line");
            }
            options.append(';').append(option);
        }
        if (pid == ProcessHandle.current().pid()) {
            return fail(USAGE, "pid " + pid + " is this command itself");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return fail(NO_JVM, "no process with pid " + pid + " (see: java -jar httpsignals-agent.jar list)");
        }
        String me = System.getProperty("user.name");
        Optional<String> owner = process.get().info().user();
        if (owner.isPresent() && !owner.get().equals(me)) {
            return fail(OTHER_USER, "pid " + pid + " belongs to user " + owner.get() + ", not to " + me
                    + "; the attach mechanism only connects JVMs of the same user: run this command as that user,"
                    + " e.g. sudo -u " + owner.get() + " java -jar httpsignals-agent.jar " + command + " " + pid);
        }
        if (!looksLikeJvm(pid)) {
            return fail(NO_JVM, "pid " + pid + " is not a Java VM (" + process.get().info().command().orElse("?")
                    + ")");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(String.valueOf(pid));
        } catch (AttachNotSupportedException e) {
            if (String.valueOf(e.getMessage()).contains("does not support the attach mechanism")) {
                return fail(ATTACH_DISALLOWED, "the JVM with pid " + pid + " does not accept attach (it was started"
                        + " with -XX:+DisableAttachMechanism); restart it without that flag, or with"
                        + " -javaagent:httpsignals-agent.jar");
            }
            return fail(NO_JVM, "cannot attach to pid " + pid + ": " + e.getMessage());
        } catch (IOException e) {
            return fail(FAILED, "cannot attach to pid " + pid + ": " + e);
        }
        try {
            return send(vm, pid, command, options.toString());
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the connection is gone either way
            }
        }
    }

    private int send(VirtualMachine vm, long pid, String command, String options) {
        Path reply = null;
        try {
            Properties system = vm.getSystemProperties();
            String version = system.getProperty("java.specification.version", "?");
            int feature = feature(version);
            if (feature < MIN_FEATURE) {
                return fail(OLD_JDK, "pid " + pid + " runs Java " + system.getProperty("java.version", version)
                        + "; the httpsignals agent needs Java " + MIN_FEATURE + " or newer");
            }
            String jvmArgs = vm.getAgentProperties().getProperty("sun.jvm.args", "");
            if (jvmArgs.contains("-XX:-EnableDynamicAgentLoading")) {
                return fail(ATTACH_DISALLOWED, dynamicLoadingDisabled(pid));
            }
            if (command.equals("attach") && feature >= 21 && !jvmArgs.contains("-XX:+EnableDynamicAgentLoading")) {
                err.println("note: Java " + feature + " prints a warning about a dynamically loaded agent on the"
                        + " stderr of pid " + pid + "; starting it with -XX:+EnableDynamicAgentLoading allows it"
                        + " silently");
            }
            reply = Files.createTempFile("httpsignals-reply-", ".txt"); // owner-only on POSIX
            vm.loadAgent(agentJar().toString(), "command=" + command + ";reply=" + reply + options);
            return printReply(pid, Files.readString(reply, StandardCharsets.UTF_8));
        } catch (AgentLoadException e) {
            if (String.valueOf(e.getMessage()).contains("EnableDynamicAgentLoading")) {
                return fail(ATTACH_DISALLOWED, dynamicLoadingDisabled(pid));
            }
            return fail(FAILED, "the JVM with pid " + pid + " could not load the agent: " + e.getMessage());
        } catch (AgentInitializationException e) {
            return fail(FAILED, "the agent failed in pid " + pid + " (" + e.getMessage() + "); see its stderr");
        } catch (IOException e) {
            return fail(FAILED, "lost the connection to pid " + pid + ": " + e);
        } finally {
            if (reply != null) {
                try {
                    Files.deleteIfExists(reply);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** The answer file: the exit code on the first line, then the text. */
    private int printReply(long pid, String reply) {
        int newline = reply.indexOf('\n');
        int code;
        try {
            code = Integer.parseInt(newline < 0 ? reply.trim() : reply.substring(0, newline));
        } catch (NumberFormatException e) {
            return fail(FAILED, "the agent in pid " + pid + " gave no answer; its stderr may say why (can it write"
                    + " to " + System.getProperty("java.io.tmpdir") + "?)");
        }
        String text = newline < 0 ? "" : reply.substring(newline + 1);
        for (String line : text.split("\n")) {
            (code == OK && !line.startsWith("warning: ") ? out : err).println(line);
        }
        return code;
    }

    private static String dynamicLoadingDisabled(long pid) {
        return "the JVM with pid " + pid + " does not allow agents to be loaded into it (it was started with"
                + " -XX:-EnableDynamicAgentLoading); restart it with -XX:+EnableDynamicAgentLoading, or with"
                + " -javaagent:httpsignals-agent.jar";
    }

    /**
     * Whether {@code pid} may be a JVM: listed by the attach provider, or (on Linux) a process that handles SIGQUIT,
     * which the attach mechanism sends to wake the target: to any other process that signal is fatal.
     */
    private static boolean looksLikeJvm(long pid) {
        for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
            if (vm.id().equals(String.valueOf(pid))) {
                return true;
            }
        }
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigCgt:")) {
                    long caught = Long.parseUnsignedLong(line.substring("SigCgt:".length()).trim(), 16);
                    return (caught & (1L << (SIGQUIT - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // no /proc: let the attach mechanism decide
        }
        return true;
    }

    /** The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17; 0 if unreadable. */
    static int feature(String specificationVersion) {
        try {
            String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2)
                    : specificationVersion;
            int dot = v.indexOf('.');
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Path agentJar() {
        return Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0])
                .toAbsolutePath();
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private int usage(String message) {
        return fail(USAGE, message + "\nusage: java -jar httpsignals-agent.jar attach <pid> [key=value ...]"
                + " | detach <pid> | status <pid> | list");
    }

    private int fail(int code, String message) {
        err.println("httpsignals: " + message);
        return code;
    }
}
