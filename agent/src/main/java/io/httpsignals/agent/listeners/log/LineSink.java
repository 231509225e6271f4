package io.httpsignals.agent.listeners.log;

import io.httpsignals.bootstrap.AgentLog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;

/**
 * Where JSON lines go: a file (created readable by its owner only, since lines carry URLs and headers) or stderr.
 *
 * <p>A file is never written on the request path: {@link #write} only encodes the line as UTF-8 into a chunk of
 * memory, and {@link #flush} (the agent's scheduler, every 100 ms, and close) writes the filled chunks out, so a slow
 * disk delays the log, not the application. Chunks have a fixed size and go back to a pool once written: a buffer
 * that grew to hold a busy interval's lines would copy itself at each growth, which under load costs more than the
 * lines themselves. If the disk falls so far behind that {@value #MAX_PENDING_BYTES} bytes are waiting, further
 * lines are dropped and counted (reported once) rather than letting memory grow. Stderr is written at once, line by
 * line, as a developer watching it expects.
 */
final class LineSink implements AutoCloseable {

    static final int CHUNK_BYTES = 64 * 1024;
    static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;
    // this much filled before the next periodic flush asks for one at once: a busy client fills 4 MiB in 100 ms
    private static final int EARLY_FLUSH_CHUNKS = 16;
    // the longest UTF-8 encoding of one char (a surrogate pair, two chars, takes 4 bytes)
    private static final int MAX_BYTES_PER_CHAR = 3;

    private final FileChannel file;
    private final PrintStream stream;
    private Runnable flushSoon = () -> { };

    // guarded by this: the chunk being filled, the filled ones waiting for the flusher, the written ones to reuse
    private Chunk current;
    private final ArrayDeque<Chunk> filled = new ArrayDeque<>();
    private final ArrayDeque<Chunk> spare = new ArrayDeque<>();
    private final char[] scratch = new char[1024];
    private long waitingBytes;
    private long dropped;
    private boolean dropReported;
    private boolean flushRequested;

    // guarded by io: what the flusher took and has not written yet (kept, in order, when a write fails)
    private final Object io = new Object();
    private final ArrayDeque<Chunk> writing = new ArrayDeque<>();

    private LineSink(FileChannel file, PrintStream stream) {
        this.file = file;
        this.stream = stream;
    }

    static LineSink toFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException appendToIt) {
            // an existing file keeps its permissions: the operator chose them
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        return new LineSink(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND), null);
    }

    static LineSink toStderr(PrintStream err) {
        return new LineSink(null, err);
    }

    /**
     * Sets what has {@link #flush} called soon, off the caller's thread, when lines pile up between periodic flushes;
     * call before the first {@link #write}.
     */
    void whenBacklogged(Runnable flushSoon) {
        this.flushSoon = flushSoon;
    }

    /** Takes one line: buffers it (file) or writes it at once (stderr); makes no String. */
    void write(StringBuilder line) throws IOException {
        if (file != null) {
            boolean wake = false;
            synchronized (this) {
                // an upper bound, so the check needs no first pass over the line
                long most = (long) line.length() * MAX_BYTES_PER_CHAR;
                if (waitingBytes + most > MAX_PENDING_BYTES) {
                    dropped++;
                } else {
                    encode(line);
                }
                if (filled.size() >= EARLY_FLUSH_CHUNKS && !flushRequested) {
                    flushRequested = true;
                    wake = true;
                }
            }
            if (wake) {
                try {
                    flushSoon.run();
                } catch (RuntimeException notScheduled) {
                    // the periodic flush comes anyway
                }
            }
            return;
        }
        synchronized (this) {
            encode(line);
            stream.write(current.bytes, 0, current.length);
            current.length = 0;
            stream.flush();
        }
    }

    // UTF-8, through a small char buffer: StringBuilder.charAt checks bounds and coder for every char
    private void encode(StringBuilder line) throws IOException {
        Chunk c = room();
        int start = c.length;
        long added = 0;
        for (int from = 0, n = line.length(); from < n; ) {
            int to = Math.min(n, from + scratch.length);
            if (to < n && Character.isHighSurrogate(line.charAt(to - 1))) {
                to--; // keeps a surrogate pair in one fill
            }
            line.getChars(from, to, scratch, 0);
            for (int i = 0, count = to - from; i < count; i++) {
                if (CHUNK_BYTES - c.length < 4) {
                    added += c.length - start;
                    c = fullChunk();
                    start = c.length;
                }
                char ch = scratch[i];
                byte[] b = c.bytes;
                int p = c.length;
                if (ch < 0x80) {
                    b[p++] = (byte) ch;
                } else if (ch < 0x800) {
                    b[p++] = (byte) (0xC0 | (ch >> 6));
                    b[p++] = (byte) (0x80 | (ch & 0x3F));
                } else if (!Character.isSurrogate(ch)) {
                    b[p++] = (byte) (0xE0 | (ch >> 12));
                    b[p++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (ch & 0x3F));
                } else if (Character.isHighSurrogate(ch) && i + 1 < count
                        && Character.isLowSurrogate(scratch[i + 1])) {
                    int cp = Character.toCodePoint(ch, scratch[++i]);
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    b[p++] = '?'; // a lone surrogate (JsonText escapes them), as the JDK's UTF-8 encoder writes it
                }
                c.length = p;
            }
            from = to;
        }
        if (file != null) {
            waitingBytes += added + c.length - start;
        }
    }

    private Chunk room() throws IOException {
        if (current == null) {
            current = file != null && !spare.isEmpty() ? spare.poll() : new Chunk();
        }
        return current;
    }

    // the current chunk has no room left: a file queues it for the flusher, stderr writes it out and reuses it
    private Chunk fullChunk() throws IOException {
        if (file == null) {
            stream.write(current.bytes, 0, current.length);
            current.length = 0;
            return current;
        }
        filled.add(current);
        current = null;
        return room();
    }

    /** Writes out what is buffered. Called by one thread at a time in practice; safe with several. */
    void flush() throws IOException {
        if (file == null) {
            return;
        }
        synchronized (io) {
            long lost;
            synchronized (this) {
                flushRequested = false;
                if (current != null && current.length > 0) {
                    filled.add(current);
                    current = null;
                }
                for (Chunk c; (c = filled.poll()) != null; ) {
                    c.buffer.limit(c.length).position(0);
                    writing.add(c);
                }
                lost = dropReported ? 0 : dropped;
                if (lost > 0) {
                    dropReported = true;
                }
            }
            for (Chunk c; (c = writing.peek()) != null; ) {
                while (c.buffer.hasRemaining()) {
                    file.write(c.buffer);
                }
                writing.poll();
                synchronized (this) {
                    waitingBytes -= c.length;
                    c.length = 0;
                    spare.add(c);
                }
            }
            if (lost > 0) {
                AgentLog.warn("log listener dropped " + lost + " lines because the disk did not keep up; further "
                        + "drops are not reported");
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            if (file != null) {
                synchronized (io) {
                    file.close();
                }
            }
        }
    }

    /** A fixed-size piece of the encoded lines, written out whole and then reused. */
    private static final class Chunk {
        final byte[] bytes = new byte[CHUNK_BYTES];
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int length;
    }
}
