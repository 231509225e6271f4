package io.httpsignals.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The agent arguments of a command sent by {@code java -jar httpsignals-agent.jar attach|detach|status <pid>}: two
 * control keys, {@code command=<attach|detach|status>} and {@code reply=<file>}, then the agent options. The answer
 * goes to the reply file, which the command line created and prints: no socket is opened in the target.
 *
 * <p>Arguments without {@code command} (a plain {@code -javaagent:} or a third-party attach) mean {@code attach}
 * without a reply.
 */
final class ControlArguments {

    static final String ATTACH = "attach";
    private static final String COMMAND_KEY = "command";
    private static final String REPLY_KEY = "reply";

    final String command;
    final String replyFile;
    /** The arguments without the control keys: the agent options. */
    final String options;

    private ControlArguments(String command, String replyFile, String options) {
        this.command = command;
        this.replyFile = replyFile;
        this.options = options;
    }

    static ControlArguments parse(String args) {
        String command = ATTACH;
        String reply = null;
        StringBuilder options = new StringBuilder();
        if (args != null) {
            for (String pair : args.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.startsWith(COMMAND_KEY + "=")) {
                    command = trimmed.substring(COMMAND_KEY.length() + 1).trim();
                } else if (trimmed.startsWith(REPLY_KEY + "=")) {
                    reply = trimmed.substring(REPLY_KEY.length() + 1).trim();
                } else if (!trimmed.isEmpty()) {
                    options.append(options.length() == 0 ? "" : ";").append(trimmed);
                }
            }
        }
        return new ControlArguments(command, reply, options.toString());
    }

    /** Whether the options say {@code cache=off} (or {@code httpsignals.cache=off}). */
    boolean cacheOff() {
        for (String pair : options.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String key = pair.substring(0, eq).trim();
                if ((key.equals("cache") || key.equals("httpsignals.cache"))
                        && pair.substring(eq + 1).trim().equals("off")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Writes the answer for the command line: the exit code on the first line, then the text. Never throws: the
     * command line reports a missing answer itself.
     */
    void reply(int exitCode, String text) {
        if (replyFile == null) {
            return;
        }
        try {
            Files.writeString(Path.of(replyFile), exitCode + "\n" + text, StandardCharsets.UTF_8,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (Throwable e) {
            System.err.println("httpsignals: could not write the answer to " + replyFile + " (" + e + ")");
        }
    }
}
