package io.httpsignals.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Removes what other agent builds left in the cache directory: one 5 MB core jar per build, and per build and JDK a
 * directory of woven classes. An entry goes once it has not been used for {@link #UNUSED_DAYS} days (the start that
 * uses an entry refreshes its modification time once a day); leftovers of interrupted writes ({@code *.partial})
 * go after a day. It runs at most once a day, on a low-priority daemon thread after the agent has started, and it
 * never fails anything: whatever it cannot delete stays.
 *
 * <p>Only names the agent itself writes are considered ({@code core-*.jar}, {@code bootstrap-*.jar},
 * {@code woven-*}, {@code *.partial}); symbolic links are never followed.
 */
final class CacheCleanup {

    static final long UNUSED_DAYS = 30;
    private static final String MARKER = ".last-cleanup";
    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    private CacheCleanup() {
    }

    /** Starts a clean-up of {@code dir} in the background if none ran there today; {@code coreJar} is in use. */
    static void startIfDue(Path dir, String coreJar) {
        try {
            Path marker = dir.resolve(MARKER);
            if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)
                    && Files.getLastModifiedTime(marker).toMillis() > System.currentTimeMillis() - DAY) {
                return;
            }
            Thread cleaner = new Thread(() -> run(dir, coreJar, System.currentTimeMillis()), "httpsignals-cache-cleanup");
            cleaner.setDaemon(true);
            cleaner.setPriority(Thread.MIN_PRIORITY);
            cleaner.start();
        } catch (IOException | RuntimeException e) {
            // never a reason to hold the start
        }
    }

    /**
     * Deletes the entries of {@code dir} unused for {@link #UNUSED_DAYS} days as of {@code now}, except the core jar
     * this JVM uses ({@code coreJar}) and its woven-class directories.
     */
    static void run(Path dir, String coreJar, long now) {
        String ownWoven = "woven-" + coreJar.substring(0, coreJar.length() - ".jar".length()) + "-";
        try {
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(marker);
            }
            Files.setLastModifiedTime(marker, FileTime.fromMillis(now));
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.equals(coreJar) || name.startsWith(ownWoven)) {
                        continue;
                    }
                    long age = now - Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .lastModifiedTime().toMillis();
                    boolean ours = name.startsWith("core-") && name.endsWith(".jar")
                            || name.startsWith("bootstrap-") && name.endsWith(".jar") || name.startsWith("woven-");
                    if (name.endsWith(".partial") && age > DAY || ours && age > UNUSED_DAYS * DAY) {
                        delete(entry);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the next start tries again tomorrow
        }
    }

    private static void delete(Path entry) {
        try {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                List<Path> inside;
                try (Stream<Path> walk = Files.walk(entry)) {
                    inside = walk.sorted(Comparator.reverseOrder()).toList();
                }
                for (Path p : inside) {
                    Files.deleteIfExists(p);
                }
            } else {
                Files.deleteIfExists(entry);
            }
        } catch (IOException | RuntimeException e) {
            // in use or not ours to delete after all: it stays
        }
    }
}
