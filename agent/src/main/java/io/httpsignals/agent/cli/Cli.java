package io.httpsignals.agent.cli;

import io.httpsignals.agent.demo.DemoApp;
import io.httpsignals.agent.report.ReportCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar httpsignals-agent.jar <command>}. */
public final class Cli {

    private static final String USAGE = String.join("\n",
            "usage: java -jar httpsignals-agent.jar <command>",
            "",
            "commands:",
            "  demo [key=value ...]   start a demo program with the agent (default listeners=log) against a local",
            "                         server and print its signals",
            ReportCommand.USAGE,
            "  list                   the Java VMs of this user that the agent can be attached to",
            "  attach <pid> [key=value ...]",
            "                         load the agent into a running JVM with these options (keys as httpsignals.*),",
            "                         or change the options of the agent already in it",
            "  detach <pid>           stop the listeners (flushing them) and restore the original bytecode",
            "  status <pid>           whether the agent is in, its options, listeners, hooks and counts",
            "  help                   this text",
            "",
            "To instrument an application: java -javaagent:httpsignals-agent.jar=listeners=log ... (see README.md)");

    private Cli() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "demo" -> System.exit(runDemo(rest));
            case "demo-run" -> DemoApp.main(rest);
            case "report" -> System.exit(ReportCommand.run(rest, System.out, System.err));
            case "list" -> System.exit(new AttachCommand(System.out, System.err).list());
            case "attach", "detach", "status" ->
                    System.exit(new AttachCommand(System.out, System.err).send(command, rest));
            case "help", "-h", "--help" -> System.out.println(USAGE);
            default -> {
                System.err.println("httpsignals: unknown command '" + command + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    /** Runs the demo in a child JVM so it has the agent from its start, exactly as an operator would. */
    private static int runDemo(String[] options) throws Exception {
        Path jar = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
        String agentArgs = options.length == 0 ? "listeners=log" : String.join(";", options);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + jar.toAbsolutePath() + "=" + agentArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("demo-run");
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
