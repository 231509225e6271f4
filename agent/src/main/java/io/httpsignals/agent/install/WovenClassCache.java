package io.httpsignals.agent.install;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the hooks made of each JDK class, kept next to the launcher's cached core jar (a directory only this user can
 * write, checked by the launcher), so that a JVM whose JDK and agent build did not change never sets Byte Buddy up:
 * setting it up is most of the agent's start-up cost. An entry is keyed by the SHA-256 of the class's original
 * bytes, under a directory named after the agent build (the core jar's CRC) and the JDK; it holds the woven bytes
 * (or "unchanged") and the hook report lines to replay. Only JDK classes are cached: their supertypes, which hook
 * matchers may look at, are fixed by the JDK. Disabled when the core jar was not loaded from the cache.
 */
final class WovenClassCache {

    /** A cached outcome: {@code bytes} null means the class loads unchanged. */
    record Entry(byte[] bytes, List<String[]> report) {
    }

    private final Path dir;

    private WovenClassCache(Path dir) {
        this.dir = dir;
    }

    static WovenClassCache open() {
        try {
            Path core = Path.of(WovenClassCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String name = core.getFileName().toString();
            if (!name.matches("core-[0-9a-f]+-[0-9]+\\.jar")) {
                return new WovenClassCache(null);
            }
            String jdk = (System.getProperty("java.vm.vendor") + "-" + Runtime.version()).replaceAll("[^A-Za-z0-9._+-]", "_");
            Path dir = core.resolveSibling("woven-" + name.substring(0, name.length() - ".jar".length()) + "-" + jdk);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir);
            }
            return new WovenClassCache(dir);
        } catch (Exception | LinkageError e) {
            return new WovenClassCache(null);
        }
    }

    boolean enabled() {
        return dir != null;
    }

    Entry get(byte[] original) {
        try {
            Path file = dir.resolve(key(original));
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                int lines = in.readInt();
                List<String[]> report = new ArrayList<>(lines);
                for (int i = 0; i < lines; i++) {
                    report.add(new String[] {in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF()});
                }
                int length = in.readInt();
                byte[] bytes = null;
                if (length >= 0) {
                    bytes = new byte[length];
                    in.readFully(bytes);
                }
                return new Entry(bytes, report);
            }
        } catch (Exception e) {
            return null;
        }
    }

    void put(byte[] original, byte[] woven, List<String[]> report) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                out.writeInt(report.size());
                for (String[] line : report) {
                    for (String field : line) {
                        out.writeUTF(field);
                    }
                }
                out.writeInt(woven == null ? -1 : woven.length);
                if (woven != null) {
                    out.write(woven);
                }
            }
            Path target = dir.resolve(key(original));
            Path partial = Files.createTempFile(dir, "entry-", ".partial");
            try {
                Files.write(partial, buffer.toByteArray());
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (Exception e) {
            // a cache that cannot be written only costs the next JVM the set-up
        }
    }

    private static String key(byte[] original) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(original)) + ".woven";
    }
}
