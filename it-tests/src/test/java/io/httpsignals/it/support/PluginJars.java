package io.httpsignals.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds listener plugin jars at test time from classes compiled into the test classes, so plugin tests need no
 * separate module. The same classes are also on the child's class path (the test classes); the agent's plugin
 * class loader does not delegate to the application, so it defines its own copies from the jar. Keep plugin classes
 * in a package the child program does not touch, or a test may pass by loading the wrong copy.
 */
public final class PluginJars {

    public static final String SERVICE_FILE = "META-INF/services/io.httpsignals.api.HttpSignalListenerProvider";

    private PluginJars() {
    }

    /**
     * Writes {@code jar} with the given classes (and their nested and anonymous classes) and a service file naming
     * {@code providerClassName}.
     */
    public static Path build(Path jar, String providerClassName, Class<?>... classes) {
        Map<String, Path> entries = new TreeMap<>();
        for (Class<?> c : classes) {
            entries.putAll(classFiles(c));
        }
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
                for (Map.Entry<String, Path> e : entries.entrySet()) {
                    out.putNextEntry(new JarEntry(e.getKey()));
                    out.write(Files.readAllBytes(e.getValue()));
                    out.closeEntry();
                }
                out.putNextEntry(new JarEntry(SERVICE_FILE));
                out.write((providerClassName + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** {@link #build(Path, String, Class[])} with the provider class itself as provider. */
    public static Path build(Path jar, Class<?> provider, Class<?>... otherClasses) {
        Class<?>[] all = new Class<?>[otherClasses.length + 1];
        all[0] = provider;
        System.arraycopy(otherClasses, 0, all, 1, otherClasses.length);
        return build(jar, provider.getName(), all);
    }

    /** A file named like a jar that is not a zip at all. */
    public static Path corruptJar(Path jar) {
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            Files.write(jar, "this is not a jar file\0\1\2\3\377".getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** A valid jar whose service file names a class that is not in it. */
    public static Path jarWithMissingProvider(Path jar, String missingClassName) {
        return build(jar, missingClassName);
    }

    /** The .class files of {@code c} and of classes nested in it, keyed by jar entry name. */
    static Map<String, Path> classFiles(Class<?> c) {
        Path root = classesRoot(c);
        String binary = c.getName().replace('.', '/');
        Path dir = root.resolve(binary).getParent();
        String simple = binary.substring(binary.lastIndexOf('/') + 1);
        String packagePath = binary.contains("/") ? binary.substring(0, binary.lastIndexOf('/') + 1) : "";
        Map<String, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, simple + "*.class")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.equals(simple + ".class") || name.startsWith(simple + "$")) {
                    out.put(packagePath + name, f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no class file for " + c.getName() + " under " + root);
        }
        return out;
    }

    private static Path classesRoot(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null) {
            throw new IllegalArgumentException(c.getName() + " has no code source (a JDK class?)");
        }
        try {
            Path root = Paths.get(cs.getLocation().toURI());
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException(c.getName() + " comes from " + root
                        + ", not from a classes directory; only test classes can go into plugin jars");
            }
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Manifest manifest() {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(new Attributes.Name("Created-By"), "httpsignals it-tests");
        return m;
    }
}
