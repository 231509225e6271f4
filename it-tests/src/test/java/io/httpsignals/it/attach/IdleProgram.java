package io.httpsignals.it.attach;

/** A JVM that only waits, to attach to; prints {@code [idle]} once it runs. */
public final class IdleProgram {

    public static void main(String[] args) throws InterruptedException {
        System.out.println("[idle]");
        Thread.sleep(120_000);
    }
}
