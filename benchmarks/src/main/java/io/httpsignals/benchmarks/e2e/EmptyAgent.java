package io.httpsignals.benchmarks.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A Java agent that does nothing: the "empty -javaagent" configuration of the end-to-end harness. It separates what
 * the JVM itself costs once any {@code -javaagent} is given (the {@code java.instrument} module, a JVMTI
 * environment, the agent jar opened and its manifest read, start-up code that runs only then and trains the JIT's
 * type profiles differently) from what httpsignals adds on top.
 */
public final class EmptyAgent {

    private EmptyAgent() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        // deliberately empty
    }

    /** Writes the agent jar (this class and a manifest naming it) into {@code dir} and returns its path. */
    static Path writeJar(Path dir) throws IOException {
        Path jar = dir.resolve("empty-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", EmptyAgent.class.getName());
        String entry = EmptyAgent.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream bytes = EmptyAgent.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            bytes.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
