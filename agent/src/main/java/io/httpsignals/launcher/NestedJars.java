package io.httpsignals.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarEntry;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.CRC32;

/**
 * Turns the nested core jar into a file a class loader can open. Extracting 5 MB on every JVM start costs tens of
 * milliseconds and leaves a temp file per process, so the file is kept in the user's cache directory
 * ({@code $XDG_CACHE_HOME/httpsignals} or {@code ~/.cache/httpsignals}), named after the entry's CRC and size, and
 * reused only if it still has exactly that content. The directory must be a real directory owned by this user and
 * writable by nobody else; otherwise (or on a non-POSIX file system, or a read-only home) every start extracts a
 * private temp file as before.
 */
final class NestedJars {

    private NestedJars() {
    }

    static Path file(Path agentJar, String entryName) throws IOException {
        try (JarFile jar = new JarFile(agentJar.toFile())) {
            JarEntry entry = entry(jar, agentJar, entryName);
            Path cached = cached(jar, entry);
            return cached != null ? cached : extractToTemp(jar, entry);
        }
    }

    static JarEntry entry(JarFile jar, Path agentJar, String entryName) throws IOException {
        JarEntry entry = jar.getJarEntry(entryName);
        if (entry == null) {
            throw new IOException(agentJar + " has no " + entryName + " (not an httpsignals agent jar?)");
        }
        return entry;
    }

    private static Path cached(JarFile jar, JarEntry entry) {
        try {
            Path dir = cacheDirectory();
            if (dir == null || entry.getCrc() == -1 || entry.getSize() == -1) {
                return null;
            }
            String base = baseName(entry);
            Path target = dir.resolve(base + "-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ".jar");
            if (intact(target, entry)) {
                markUsed(target);
                if (base.equals("core")) {
                    CacheCleanup.startIfDue(dir, target.getFileName().toString());
                }
                return target;
            }
            Path partial = Files.createTempFile(dir, base + "-", ".partial");
            try {
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                // another JVM may be doing the same: the rename makes whichever file wins complete
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return intact(target, entry) ? target : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Refreshes, once a day, the modification time that tells {@link CacheCleanup} this file is still in use. */
    private static void markUsed(Path file) {
        try {
            long now = System.currentTimeMillis();
            if (Files.getLastModifiedTime(file).toMillis() < now - TimeUnit.DAYS.toMillis(1)) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(now));
            }
        } catch (IOException | RuntimeException e) {
            // then the clean-up may take it in a month; the next start extracts it again
        }
    }

    /** Set from the agent arguments ({@code cache=off}) before the first nested jar is opened. */
    static volatile boolean disabledByArguments;

    /** {@code httpsignals.cache=off} (argument, system property or {@code HTTPSIGNALS_CACHE}) keeps nothing on disk. */
    private static boolean disabled() {
        return disabledByArguments || "off".equals(System.getProperty("httpsignals.cache"))
                || "off".equals(System.getenv("HTTPSIGNALS_CACHE"));
    }

    private static Path cacheDirectory() throws IOException {
        if (disabled()) {
            return null;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = root.resolve("httpsignals");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        boolean private_ = attributes.isDirectory()
                && attributes.owner().getName().equals(System.getProperty("user.name"))
                && !attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                && !attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
        return private_ ? dir : null;
    }

    private static boolean intact(Path file, JarEntry entry) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != entry.getSize()) {
            return false;
        }
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue() == entry.getCrc();
    }

    /** Copies the entry to a private temporary file (owner-only, deleted at exit). */
    static Path extractToTemp(JarFile jar, JarEntry entry) throws IOException {
        Path target = Files.createTempFile("httpsignals-" + baseName(entry) + "-", ".jar");
        target.toFile().deleteOnExit();
        try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static String baseName(JarEntry entry) {
        String name = entry.getName();
        return name.substring(name.lastIndexOf('/') + 1, name.length() - ".jar".length());
    }
}
