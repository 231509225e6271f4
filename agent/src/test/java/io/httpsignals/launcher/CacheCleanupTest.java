package io.httpsignals.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CacheCleanupTest {

    private static final long NOW = System.currentTimeMillis();

    @Test
    void removesOtherBuildsUnusedForAMonthAndNothingElse(@TempDir Path dir) throws Exception {
        Path current = file(dir, "core-aaaa-100.jar", 90);
        Path currentWoven = dir(dir, "woven-core-aaaa-100-Vendor-17", 90);
        Path oldCore = file(dir, "core-bbbb-100.jar", 31);
        Path oldBootstrap = file(dir, "bootstrap-bbbb-50.jar", 31);
        Path oldWoven = dir(dir, "woven-core-bbbb-100-Vendor-17", 31);
        Path recentCore = file(dir, "core-cccc-100.jar", 29);
        Path recentWoven = dir(dir, "woven-core-cccc-100-Vendor-25", 2);
        Path partial = file(dir, "core-123.partial", 2);
        Path freshPartial = file(dir, "core-456.partial", 0);
        Path notOurs = file(dir, "notes.txt", 400);

        CacheCleanup.run(dir, "core-aaaa-100.jar", NOW);

        for (Path gone : new Path[] {oldCore, oldBootstrap, oldWoven, partial}) {
            assertFalse(Files.exists(gone), gone + " removed");
        }
        for (Path kept : new Path[] {current, currentWoven, recentCore, recentWoven, freshPartial, notOurs}) {
            assertTrue(Files.exists(kept), kept + " kept");
        }
        assertTrue(Files.exists(dir.resolve(".last-cleanup")), "the next start knows a clean-up ran today");
    }

    @Test
    void neverFollowsALinkOutOfTheCache(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectory(dir.resolve("cache"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Path precious = Files.write(outside.resolve("precious.txt"), new byte[] {1});
        Path link = Files.createSymbolicLink(cache.resolve("woven-core-dddd-1-Vendor-17"), outside);
        Files.setLastModifiedTime(outside, FileTime.fromMillis(NOW - TimeUnit.DAYS.toMillis(60)));

        CacheCleanup.run(cache, "core-aaaa-100.jar", NOW);

        assertTrue(Files.exists(precious), "what a link points to is never deleted");
        assertTrue(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.exists(link));
    }

    @Test
    void aMissingOrUnreadableDirectoryIsNoError(@TempDir Path dir) {
        CacheCleanup.run(dir.resolve("missing"), "core-aaaa-100.jar", NOW);
    }

    private static Path file(Path dir, String name, int daysOld) throws Exception {
        Path file = Files.write(dir.resolve(name), new byte[] {42});
        Files.setLastModifiedTime(file, FileTime.fromMillis(NOW - TimeUnit.DAYS.toMillis(daysOld)));
        return file;
    }

    private static Path dir(Path dir, String name, int daysOld) throws Exception {
        Path d = Files.createDirectory(dir.resolve(name));
        Files.write(d.resolve("entry.woven"), new byte[] {7});
        Files.setLastModifiedTime(d, FileTime.fromMillis(NOW - TimeUnit.DAYS.toMillis(daysOld)));
        return d;
    }
}
