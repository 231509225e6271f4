package io.httpsignals.agent.listeners.log;

import io.httpsignals.bootstrap.AgentLog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where JSON lines go: a file (created readable by its owner only, since lines carry URLs and headers) or stderr.
 *
 * <p>A file is never written on the request path: {@link #write} only appends the line to an in-memory buffer,
 * and {@link #flush} (the agent's scheduler, every 100 ms, and close) swaps that buffer for an empty one and writes
 * it out, so a slow disk delays the log, not the application. If the disk falls so far behind that
 * {@value #MAX_PENDING_CHARS} characters are waiting, further lines are dropped and counted (reported once) rather
 * than letting memory grow. Stderr is written at once, line by line, as a developer watching it expects.
 */
final class LineSink implements AutoCloseable {

    static final int MAX_PENDING_CHARS = 4 * 1024 * 1024;

    private final Writer writer;
    private final boolean ownsStream;
    private final char[] scratch = new char[8192];

    // file mode: lines waiting for the flusher (guarded by this), and the buffer the flusher writes from
    private StringBuilder pending = new StringBuilder(16 * 1024);
    private StringBuilder writing = new StringBuilder(16 * 1024);
    private long dropped;
    private boolean dropReported;
    private final Object io = new Object();

    private LineSink(Writer writer, boolean ownsStream) {
        this.writer = writer;
        this.ownsStream = ownsStream;
    }

    static LineSink toFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException appendToIt) {
            // an existing file keeps its permissions: the operator chose them
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new LineSink(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    }

    static LineSink toStderr(PrintStream err) {
        return new LineSink(new OutputStreamWriter(err, StandardCharsets.UTF_8), false);
    }

    /** Takes one line: buffers it (file) or writes it through a reused buffer (stderr); makes no String. */
    void write(StringBuilder line) throws IOException {
        if (ownsStream) {
            synchronized (this) {
                if (pending.length() + line.length() > MAX_PENDING_CHARS) {
                    dropped++;
                } else {
                    pending.append(line);
                }
            }
            return;
        }
        synchronized (io) {
            writeChars(line);
            writer.flush();
        }
    }

    /** Writes out what is buffered. Called by one thread at a time in practice; safe with several. */
    void flush() throws IOException {
        synchronized (io) {
            long lost;
            synchronized (this) {
                StringBuilder full = pending;
                pending = writing;
                writing = full;
                lost = dropReported ? 0 : dropped;
                if (lost > 0) {
                    dropReported = true;
                }
            }
            if (writing.length() > 0) {
                writeChars(writing);
                writing.setLength(0);
            }
            writer.flush();
            if (lost > 0) {
                AgentLog.warn("log listener dropped " + lost + " lines because the disk did not keep up; further "
                        + "drops are not reported");
            }
        }
    }

    // through a fixed buffer, in pieces: no String is made and the buffer stays small however much is waiting
    private void writeChars(StringBuilder chars) throws IOException {
        for (int from = 0, n = chars.length(); from < n; from += scratch.length) {
            int to = Math.min(n, from + scratch.length);
            chars.getChars(from, to, scratch, 0);
            writer.write(scratch, 0, to - from);
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        synchronized (io) {
            if (ownsStream) {
                writer.close();
            }
        }
    }
}
