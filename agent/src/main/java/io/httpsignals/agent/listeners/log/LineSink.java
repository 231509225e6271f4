package io.httpsignals.agent.listeners.log;

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
 * Buffered; flushed by a daemon every second and at close.
 */
final class LineSink implements AutoCloseable {

    private final Writer writer;
    private final boolean ownsStream;
    private char[] scratch = new char[1024];

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

    /** Writes one line; copies through a reused buffer so no String is made. */
    synchronized void write(StringBuilder line) throws IOException {
        int n = line.length();
        if (scratch.length < n) {
            scratch = new char[Math.max(n, scratch.length * 2)];
        }
        line.getChars(0, n, scratch, 0);
        writer.write(scratch, 0, n);
        if (!ownsStream) {
            writer.flush();
        }
    }

    synchronized void flush() throws IOException {
        writer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (ownsStream) {
            writer.close();
        } else {
            writer.flush();
        }
    }
}
