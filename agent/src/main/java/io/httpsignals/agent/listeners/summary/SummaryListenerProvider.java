package io.httpsignals.agent.listeners.summary;

import io.httpsignals.agent.AgentThreads;
import io.httpsignals.agent.listeners.BuiltInListenerProvider;
import io.httpsignals.api.HttpSignalListener;
import io.httpsignals.api.ListenerOptions;
import io.httpsignals.bootstrap.AgentLog;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/**
 * {@code summary}: per client kind and host figures, printed as a table at exit (and every
 * {@code httpsignals.summary.interval}) to stderr or {@code httpsignals.summary.file}, and live as the MBean
 * {@code io.httpsignals:type=Summary} unless {@code httpsignals.summary.jmx=false}.
 */
public final class SummaryListenerProvider implements BuiltInListenerProvider {

    public static final String OBJECT_NAME = "io.httpsignals:type=Summary";
    /** When the MBean is registered if no MBean server ran yet at start. */
    static final long MBEAN_DELAY_MILLIS = 3000;

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of("interval", "file", "jmx");
    }

    @Override
    public HttpSignalListener<?> create(ListenerOptions options) {
        Duration interval = parseInterval(options.get("interval"));
        String file = options.get("file");
        Path path = file == null || file.isBlank() ? null : Path.of(file);
        boolean jmx = !"false".equalsIgnoreCase(options.get("jmx", "true"));

        Summary summary = new Summary();
        Runnable print = () -> print(summary, path);
        ScheduledFuture<?> periodic = interval == null ? null : AgentThreads.every(interval.toMillis(), print);
        if (jmx) {
            // the platform MBean server is not started on the agent's start path: an application (an app server
            // installing its own logging or MBean server builder) may need to do it first, so it happens off it.
            // Nor right away: starting it costs a short-lived process ~40 ms of its two cores (measured with the
            // e2e start-up runs), so unless it already runs, the MBean comes a few seconds after start.
            AgentThreads.soon(() -> {
                if (mbeanServerRuns()) {
                    register(summary);
                } else {
                    AgentThreads.later(MBEAN_DELAY_MILLIS, () -> register(summary));
                }
            });
        }
        return new SummaryListener(summary, () -> {
            if (periodic != null) {
                periodic.cancel(false);
            }
            print.run();
        });
    }

    /** Whether an MBean server was made already (finding one does not make one). */
    private static boolean mbeanServerRuns() {
        try {
            return !MBeanServerFactory.findMBeanServer(null).isEmpty();
        } catch (RuntimeException e) {
            return false; // e.g. a security manager that does not allow looking: register later
        }
    }

    private static void register(Summary summary) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name); // the agent was attached again: the new figures replace the old
            }
            server.registerMBean(summary, name);
        } catch (Throwable e) {
            AgentLog.warn("summary listener: cannot register the MBean " + OBJECT_NAME + " (" + e
                    + "); the table is still printed at exit");
        }
    }

    private static void print(Summary summary, Path file) {
        String table = summary.getTable();
        if (file == null) {
            PrintStream err = System.err;
            err.print(table);
            err.flush();
            return;
        }
        try {
            Files.writeString(file, table, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            AgentLog.warn("summary listener: cannot write httpsignals.summary.file " + file + " (" + e + ")");
        }
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms} or plain seconds; {@code null} for none. */
    static Duration parseInterval(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(v));
            }
            if (d.toMillis() < 100) {
                throw new IllegalArgumentException("httpsignals.summary.interval=" + value
                        + " is too short; use at least 100ms, e.g. 30s or 5m");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("httpsignals.summary.interval=" + value
                    + " is not a duration; write e.g. 30s, 5m, 1h or 500ms");
        }
    }
}
