package io.httpsignals.agent;

import io.httpsignals.api.HttpSignals;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The agent's one background thread for periodic chores (flushing, summaries). A daemon, so it never keeps the JVM
 * alive, and unobserved, so HTTP calls it makes emit no signals.
 */
public final class AgentThreads {

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(() -> {
            HttpSignals.unobserveCurrentThread();
            r.run();
        }, "httpsignals-scheduler");
        t.setDaemon(true);
        return t;
    });

    private AgentThreads() {
    }

    /** Runs {@code task} once, off the caller's thread; a failure is swallowed. */
    public static void soon(Runnable task) {
        SCHEDULER.execute(() -> {
            try {
                task.run();
            } catch (Throwable ignored) {
                // the chore reports its own problems
            }
        });
    }

    /** Runs {@code task} once, {@code delayMillis} from now, off the caller's thread; a failure is swallowed. */
    public static void later(long delayMillis, Runnable task) {
        SCHEDULER.schedule(() -> {
            try {
                task.run();
            } catch (Throwable ignored) {
                // the chore reports its own problems
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} every {@code periodMillis}; failures are swallowed so the schedule goes on. */
    public static ScheduledFuture<?> every(long periodMillis, Runnable task) {
        return SCHEDULER.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (Throwable ignored) {
                // a chore failing must not stop the others
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }
}
