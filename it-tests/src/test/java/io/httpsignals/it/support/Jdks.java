package io.httpsignals.it.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JDKs the integration tests run child programs on: the one running the tests, plus every Temurin 2x found
 * under {@code /usr/lib/jvm}, because the agent must work on the oldest supported JDK and on the newest.
 *
 * <p>System property {@code it.jdks} restricts the set: {@code all} (default), {@code current}, or a comma
 * separated list of feature versions such as {@code 17} or {@code 17,25}.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("io.httpsignals.it.support.Jdks#all")
 * void emitsSignals(Jdks.Jdk jdk) { ... }
 * }</pre>
 */
public final class Jdks {

    public static final String SELECTION_PROPERTY = "it.jdks";

    private static final Path JVM_DIR = Paths.get("/usr/lib/jvm");
    private static final Pattern TEMURIN_DIR = Pattern.compile("temurin-(2\\d)-jdk.*");
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    /** A JDK to run child programs on; {@code name} is what parameterized test names show. */
    public record Jdk(String name, Path javaExecutable, int feature) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Jdks() {
    }

    /** The selected JDKs, for {@code @MethodSource}. Fails if the selection matches none. */
    public static Stream<Jdk> all() {
        return list().stream();
    }

    /** The selected JDKs. */
    public static List<Jdk> list() {
        List<Jdk> found = available();
        String selection = System.getProperty(SELECTION_PROPERTY, "all").trim();
        List<Jdk> selected = select(found, selection);
        if (selected.isEmpty()) {
            throw new IllegalStateException("-D" + SELECTION_PROPERTY + "=" + selection + " matches no JDK; found: "
                    + found.stream().map(j -> j.name() + " at " + j.javaExecutable()).collect(Collectors.joining(", ")));
        }
        return selected;
    }

    /** The JDK running the tests. */
    public static Jdk current() {
        Path home = Paths.get(System.getProperty("java.home"));
        int feature = Runtime.version().feature();
        return new Jdk("jdk-" + feature, home.resolve("bin").resolve("java"), feature);
    }

    static List<Jdk> select(List<Jdk> found, String selection) {
        if (selection.isEmpty() || selection.equalsIgnoreCase("all")) {
            return found;
        }
        if (selection.equalsIgnoreCase("current")) {
            return found.subList(0, 1);
        }
        Set<Integer> features = new TreeSet<>();
        for (String part : selection.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                try {
                    features.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("-D" + SELECTION_PROPERTY + " must be all, current or feature"
                            + " versions such as 17,25; got: " + selection);
                }
            }
        }
        return found.stream().filter(j -> features.contains(j.feature())).collect(Collectors.toList());
    }

    /** Every JDK found, ignoring {@code it.jdks}; the running one first. */
    public static List<Jdk> available() {
        // keyed by the real path of the executable so the running JDK is not listed twice
        Map<Path, Jdk> byExecutable = new LinkedHashMap<>();
        Jdk current = current();
        byExecutable.put(realPath(current.javaExecutable()), current);
        for (Path home : temurinHomes()) {
            Path java = home.resolve("bin").resolve("java");
            if (!Files.isExecutable(java)) {
                continue;
            }
            int feature = featureOf(home);
            byExecutable.putIfAbsent(realPath(java), new Jdk("temurin-" + feature, java, feature));
        }
        return new ArrayList<>(byExecutable.values());
    }

    private static List<Path> temurinHomes() {
        List<Path> homes = new ArrayList<>();
        if (!Files.isDirectory(JVM_DIR)) {
            return homes;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(JVM_DIR)) {
            for (Path dir : dirs) {
                if (TEMURIN_DIR.matcher(dir.getFileName().toString()).matches()) {
                    homes.add(dir);
                }
            }
        } catch (IOException e) {
            return homes;
        }
        homes.sort(null);
        return homes;
    }

    private static int featureOf(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        } catch (IOException | RuntimeException ignored) {
            // fall back to the directory name
        }
        Matcher m = TEMURIN_DIR.matcher(home.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
