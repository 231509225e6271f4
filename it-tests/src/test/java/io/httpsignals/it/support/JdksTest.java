package io.httpsignals.it.support;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdksTest {

    @Test
    void currentJdkComesFirstAndExists() {
        List<Jdks.Jdk> all = Jdks.available();
        assertEquals(Jdks.current().feature(), all.get(0).feature());
        all.forEach(j -> assertTrue(Files.isExecutable(j.javaExecutable()), j.toString()));
        if (Files.isExecutable(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"))) {
            assertTrue(all.stream().anyMatch(j -> j.feature() == 25), all.toString());
        }
    }

    @Test
    void selection() {
        List<Jdks.Jdk> found = List.of(new Jdks.Jdk("jdk-17", Path.of("/a/java"), 17),
                new Jdks.Jdk("temurin-25", Path.of("/b/java"), 25));
        assertEquals(found, Jdks.select(found, "all"));
        assertEquals(found.subList(0, 1), Jdks.select(found, "current"));
        assertEquals(found.subList(1, 2), Jdks.select(found, "25"));
        assertEquals(found, Jdks.select(found, " 17 , 25 "));
        assertEquals(List.of(), Jdks.select(found, "21"));
        assertThrows(IllegalStateException.class, () -> Jdks.select(found, "newest"));
    }
}
