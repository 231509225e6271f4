package io.httpsignals.agent.install;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.zip.CRC32C;

/**
 * What the hooks made of each class, kept next to the launcher's cached core jar (a directory only this user can
 * write, checked by the launcher), so that a JVM whose classes, JDK and agent build did not change never sets Byte
 * Buddy up: setting it up is most of the agent's start-up cost.
 *
 * <p>The woven result of a class depends on its own bytes, the agent build, the JDK, and every other class file the
 * matchers and the advice read while weaving it (supertypes, field owners, the types of advised parameters). So an
 * entry lives under a directory named after the agent build (the core jar's CRC) and the JDK; it holds the class's
 * original bytes, the class files the weaving read through the class's loader (or the fact that one was absent),
 * the woven bytes (or "unchanged") and the hook-report lines to replay. It is used only if the original bytes and
 * every such class file, read again through the loader of the class being loaded, are byte for byte the same; so a
 * hit gives exactly what Byte Buddy would. Class files of {@code java.*} are not recorded: only the JDK can define
 * them, and the directory is per JDK. JDK classes record none at all for the same reason.
 *
 * <p>Files are named by the CRC32C and length of the original bytes (cheap to compute as each class loads; the
 * stored copy settles it). They are written to a temp file and renamed, so a JVM starting at the same time sees a
 * whole entry or none; an unreadable or malformed entry is a miss.
 *
 * <p>Opening and reading hundreds of small files costs a JVM more than the rest of the agent's start (an Apache
 * client loads ~400 classes under the hooked prefixes, nearly all of them left unchanged), so the entries are also
 * kept together in one {@code pack} file, mapped into memory once, with its index in front. The entry files stay
 * the source of truth: a JVM that wrote entries, or found some only as files, writes a new pack (the old one plus
 * those) when it exits, through a temp file and a rename as well.
 */
final class WovenClassCache {

    private static final int FORMAT = 0x48535732; // "HSW2"
    private static final int PACK_FORMAT = 0x48535033; // "HSP3"
    private static final String PACK = "pack";
    /** How stale a used directory's modification time may get before it is refreshed (for the cleanup's sake). */
    private static final Duration TOUCH_AFTER = Duration.ofDays(1);
    private static final ThreadLocal<Map<String, byte[]>> READ = new ThreadLocal<>();
    private static final Map<ClassLoader, Map<String, byte[]>> CURRENT = new WeakHashMap<>();

    /** A cached outcome: {@code bytes} null means the class loads unchanged. */
    record Entry(byte[] bytes, List<String[]> report) {
    }

    private final Path dir;
    /** The pack's entries by key: offset and length in {@link #packData}. */
    private final Map<String, long[]> packIndex = new HashMap<>();
    private java.nio.ByteBuffer packData;
    /** Entries this JVM wrote or found only as files: the next pack's additions. */
    private final Map<String, byte[]> unpacked = new LinkedHashMap<>();
    private boolean packOnExit;

    private WovenClassCache(Path dir) {
        this.dir = dir;
        if (dir != null) {
            readPack();
        }
    }

    static WovenClassCache open() {
        try {
            Path core = Path.of(WovenClassCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String name = core.getFileName().toString();
            if (!name.startsWith("core-") || !name.endsWith(".jar")) {
                return new WovenClassCache(null);
            }
            return new WovenClassCache(openDirectory(core.resolveSibling(directoryName(name))));
        } catch (Exception | LinkageError e) {
            return new WovenClassCache(null);
        }
    }

    /** The cache directory for the core jar named {@code coreJarName} and this JDK. */
    static String directoryName(String coreJarName) {
        // the system property Runtime.version() parses: its parsing and printing spin method handles at start-up
        String jdk = System.getProperty("java.vm.vendor") + "-" + System.getProperty("java.runtime.version");
        StringBuilder safe = new StringBuilder(jdk.length());
        for (int i = 0; i < jdk.length(); i++) {
            char c = jdk.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ".+_-".indexOf(c) >= 0;
            safe.append(plain ? c : '_');
        }
        return "woven-" + coreJarName.substring(0, coreJarName.length() - ".jar".length()) + "-" + safe;
    }

    /** A cache in {@code dir} (created if missing; kept marked as in use for the cleanup of old builds). */
    static Path openDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(dir);
        } else {
            FileTime now = FileTime.fromMillis(System.currentTimeMillis());
            if (Files.getLastModifiedTime(dir).toMillis() < now.toMillis() - TOUCH_AFTER.toMillis()) {
                Files.setLastModifiedTime(dir, now);
            }
        }
        return dir;
    }

    boolean enabled() {
        return dir != null;
    }

    /**
     * The cached outcome for a class with these original bytes, or null. {@code loader} is the class's loader, through
     * which the class files the weaving read are checked again; null for a JDK class (nothing to check).
     */
    Entry get(byte[] original, ClassLoader loader) {
        try {
            String key = key(original);
            byte[] packed = packed(key);
            if (packed != null) {
                Entry entry = parse(packed, original, loader);
                if (entry != null) {
                    return entry;
                }
            }
            byte[] data;
            try {
                data = Files.readAllBytes(dir.resolve(key));
            } catch (IOException missing) {
                return null;
            }
            Entry entry = parse(data, original, loader);
            if (entry != null) {
                addToPack(key, data);
            }
            return entry;
        } catch (Exception | InternalError e) {
            return null;
        }
    }

    private static Entry parse(byte[] data, byte[] original, ClassLoader loader) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            if (in.readInt() != FORMAT || !Arrays.equals(readBytes(in), original)) {
                return null;
            }
            int dependencies = in.readInt();
            for (int i = 0; i < dependencies; i++) {
                String name = in.readUTF();
                byte[] expected = readBytes(in);
                if (loader == null || !Arrays.equals(expected, currentClassFile(loader, name))) {
                    return null;
                }
            }
            int lines = in.readInt();
            List<String[]> report = new ArrayList<>(lines);
            for (int i = 0; i < lines; i++) {
                report.add(new String[] {in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF()});
            }
            return new Entry(readBytes(in), report);
        }
    }

    /** Maps the pack and reads its index; a missing or malformed pack is an empty one. */
    private void readPack() {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir.resolve(PACK),
                java.nio.file.StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            java.nio.ByteBuffer data = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, channel.size());
            if (data.getInt() != PACK_FORMAT) {
                return;
            }
            int count = data.getInt();
            Map<String, long[]> index = new HashMap<>(count * 2);
            byte[] name = new byte[64];
            for (int i = 0; i < count; i++) {
                int length = data.get() & 0xff;
                if (length > name.length) {
                    return;
                }
                data.get(name, 0, length);
                long offset = data.getInt() & 0xffffffffL;
                long size = data.getInt() & 0xffffffffL;
                if (offset + size > data.capacity()) {
                    return;
                }
                index.put(new String(name, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1),
                        new long[] {offset, size});
            }
            packIndex.putAll(index);
            packData = data;
        } catch (Exception | InternalError e) {
            // no pack yet, or an unreadable one: the entry files answer
        }
    }

    private byte[] packed(String key) {
        long[] at = packIndex.get(key);
        if (at == null) {
            return null;
        }
        byte[] bytes = new byte[(int) at[1]];
        packData.get((int) at[0], bytes);
        return bytes;
    }

    private void addToPack(String key, byte[] entry) {
        synchronized (unpacked) {
            unpacked.put(key, entry);
            if (!packOnExit) {
                packOnExit = true;
                Runtime.getRuntime().addShutdownHook(new Thread(this::writePack, "httpsignals-cache"));
            }
        }
    }

    /** Writes the pack anew: what it held plus the entries this JVM wrote or found as files. */
    private void writePack() {
        try {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (String key : packIndex.keySet()) {
                entries.put(key, packed(key));
            }
            synchronized (unpacked) {
                entries.putAll(unpacked);
            }
            int header = 8;
            for (String key : entries.keySet()) {
                header += 1 + key.length() + 8;
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(header + 1024 * entries.size());
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                out.writeInt(PACK_FORMAT);
                out.writeInt(entries.size());
                long offset = header;
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    out.writeByte(e.getKey().length());
                    out.writeBytes(e.getKey());
                    out.writeInt((int) offset);
                    out.writeInt(e.getValue().length);
                    offset += e.getValue().length;
                }
                for (byte[] entry : entries.values()) {
                    out.write(entry);
                }
            }
            writeAtomically(dir.resolve(PACK), buffer.toByteArray());
        } catch (Exception | InternalError e) {
            // the entry files still answer; the next JVM tries again
        }
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path partial = Files.createTempFile(dir, "entry-", ".partial");
        try {
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Stores what weaving {@code original} gave. {@code read} holds the class files (null: absent) the weaving read
     * through the class's loader; empty for a JDK class.
     */
    void put(byte[] original, byte[] woven, List<String[]> report, Map<String, byte[]> read) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(original.length * 2 + 1024);
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                out.writeInt(FORMAT);
                writeBytes(out, original);
                out.writeInt(read.size());
                for (Map.Entry<String, byte[]> e : read.entrySet()) {
                    out.writeUTF(e.getKey());
                    writeBytes(out, e.getValue());
                }
                out.writeInt(report.size());
                for (String[] line : report) {
                    for (String field : line) {
                        out.writeUTF(field);
                    }
                }
                writeBytes(out, woven);
            }
            String key = key(original);
            byte[] entry = buffer.toByteArray();
            writeAtomically(dir.resolve(key), entry);
            addToPack(key, entry);
        } catch (Exception e) {
            // a cache that cannot be written only costs the next JVM the set-up
        }
    }

    /**
     * Starts recording, on this thread, the class files that weaving one class reads through its loader. Returns
     * what an enclosing recording had collected, to hand back to {@link #stopRecording}.
     */
    static Map<String, byte[]> startRecording() {
        Map<String, byte[]> outer = READ.get();
        READ.set(new LinkedHashMap<>());
        return outer;
    }

    /** What was read since {@link #startRecording}; an enclosing recording gets it too (more checks, never fewer). */
    static Map<String, byte[]> stopRecording(Map<String, byte[]> outer) {
        Map<String, byte[]> read = READ.get();
        if (outer != null) {
            outer.putAll(read);
            READ.set(outer);
        } else {
            READ.remove();
        }
        return read;
    }

    /** Called by the class file locators Byte Buddy reads through: {@code bytes} null means not found. */
    static void read(String typeName, byte[] bytes) {
        Map<String, byte[]> read = READ.get();
        if (read != null && recordable(typeName)) {
            read.put(typeName, bytes);
        }
    }

    /** {@code java.*} classes can only come from the JDK, which the directory name fixes. */
    static boolean recordable(String typeName) {
        return !typeName.startsWith("java.");
    }

    /**
     * The class file of {@code typeName} as {@code loader} gives it now, read once per JVM: several woven classes of
     * a library depend on the same few class files, which do not change while the loader lives.
     */
    private static byte[] currentClassFile(ClassLoader loader, String typeName) throws IOException {
        Map<String, byte[]> files;
        synchronized (CURRENT) {
            files = CURRENT.computeIfAbsent(loader, l -> new HashMap<>());
        }
        synchronized (files) {
            if (files.containsKey(typeName)) {
                return files.get(typeName);
            }
        }
        byte[] bytes = classFile(loader, typeName);
        synchronized (files) {
            files.put(typeName, bytes);
        }
        return bytes;
    }

    /** The class file of {@code typeName} as {@code loader} gives it (as Byte Buddy's locator reads it), or null. */
    static byte[] classFile(ClassLoader loader, String typeName) throws IOException {
        try (InputStream in = loader.getResourceAsStream(typeName.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String key(byte[] original) {
        CRC32C crc = new CRC32C();
        crc.update(original);
        return Long.toHexString(crc.getValue()) + "-" + original.length + ".woven";
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
