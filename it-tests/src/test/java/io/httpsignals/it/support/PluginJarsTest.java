package io.httpsignals.it.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginJarsTest {

    /** Stands in for a provider: a nested class with an anonymous class of its own. */
    public static final class FakeProvider {
        public Supplier<String> name() {
            return new Supplier<>() {
                @Override
                public String get() {
                    return "fake";
                }
            };
        }
    }

    public static final class Helper {
    }

    @Test
    void buildsJarWithNestedClassesAndServiceFile(@TempDir Path dir) throws IOException {
        Path jar = PluginJars.build(dir.resolve("p/plugin.jar"), FakeProvider.class, Helper.class);
        try (JarFile f = new JarFile(jar.toFile())) {
            List<String> names = f.stream().map(e -> e.getName()).sorted().collect(Collectors.toList());
            String pkg = "io/httpsignals/it/support/";
            assertTrue(names.contains(pkg + "PluginJarsTest$FakeProvider.class"), names.toString());
            assertTrue(names.contains(pkg + "PluginJarsTest$FakeProvider$1.class"), names.toString());
            assertTrue(names.contains(pkg + "PluginJarsTest$Helper.class"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.equals(pkg + "PluginJarsTest.class")), names.toString());
            String service = new String(f.getInputStream(f.getEntry(PluginJars.SERVICE_FILE)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertEquals(FakeProvider.class.getName(), service.strip());
        }
    }

    @Test
    void brokenJars(@TempDir Path dir) throws IOException {
        Path corrupt = PluginJars.corruptJar(dir.resolve("corrupt.jar"));
        assertThrows(IOException.class, () -> new JarFile(corrupt.toFile()).close());
        Path missing = PluginJars.jarWithMissingProvider(dir.resolve("missing.jar"), "com.example.Missing");
        try (JarFile f = new JarFile(missing.toFile())) {
            assertEquals(2, f.size(), "manifest and service file only");
            assertEquals("com.example.Missing", new String(f.getInputStream(f.getEntry(PluginJars.SERVICE_FILE))
                    .readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    @Test
    void refusesClassesFromJars(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class,
                () -> PluginJars.build(dir.resolve("x.jar"), Test.class.getName(), Test.class));
    }
}
