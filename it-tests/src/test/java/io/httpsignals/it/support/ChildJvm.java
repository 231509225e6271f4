package io.httpsignals.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Builds and starts a child JVM that runs a program from the test class path, optionally with the packaged agent.
 *
 * <pre>{@code
 * ChildResult r = ChildJvm.on(jdk)
 *         .withAgent(Map.of("listeners", "log", "log.file", out.toString()))
 *         .mainClass(JdkClientProgram.class)
 *         .args(server.uri("/hello").toString())
 *         .run();
 * }</pre>
 *
 * <p>The class path is system property {@code it.classpath} (set by the pom: test classes plus every test
 * dependency); the agent jar is system property {@code httpsignals.agent.jar}.
 */
public final class ChildJvm {

    public static final String AGENT_JAR_PROPERTY = "httpsignals.agent.jar";
    public static final String CLASSPATH_PROPERTY = "it.classpath";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Jdks.Jdk jdk;
    private Map<String, String> agentOptions;
    private final List<String> jvmArgs = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String mainClass;
    private final List<String> args = new ArrayList<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private Path workingDirectory;
    private String classPath;

    private ChildJvm(Jdks.Jdk jdk) {
        this.jdk = Objects.requireNonNull(jdk, "jdk");
    }

    public static ChildJvm on(Jdks.Jdk jdk) {
        return new ChildJvm(jdk);
    }

    /** Attaches the agent with no options. */
    public ChildJvm withAgent() {
        return withAgent(Map.of());
    }

    /**
     * Attaches the agent as {@code -javaagent:<jar>=k1=v1;k2=v2}. Keys are without the {@code httpsignals.} prefix,
     * e.g. {@code listeners -> log}. Iteration order of the map is kept.
     */
    public ChildJvm withAgent(Map<String, String> options) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().contains(";") || e.getKey().contains("=") || e.getValue().contains(";")) {
                throw new IllegalArgumentException("agent option " + e.getKey() + "=" + e.getValue()
                        + ": ';' separates options and cannot appear in a key or value, '=' not in a key");
            }
        }
        this.agentOptions = new LinkedHashMap<>(options);
        return this;
    }

    /** {@code -Dkey=value}; use it for {@code httpsignals.*} configuration as well. */
    public ChildJvm systemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    public ChildJvm systemProperties(Map<String, String> properties) {
        systemProperties.putAll(properties);
        return this;
    }

    /** An environment variable of the child (e.g. {@code HTTPSIGNALS_LISTENERS}). */
    public ChildJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public ChildJvm jvmArg(String... jvmArgs) {
        this.jvmArgs.addAll(Arrays.asList(jvmArgs));
        return this;
    }

    public ChildJvm mainClass(Class<?> mainClass) {
        return mainClass(mainClass.getName());
    }

    public ChildJvm mainClass(String mainClassName) {
        this.mainClass = mainClassName;
        return this;
    }

    public ChildJvm args(String... args) {
        this.args.addAll(Arrays.asList(args));
        return this;
    }

    public ChildJvm args(List<String> args) {
        this.args.addAll(args);
        return this;
    }

    /** How long {@link #run()} (and {@link ChildProcess#waitFor()}) waits before killing the child. Default 60 s. */
    public ChildJvm timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Replaces the default class path ({@link #classPath()}), e.g. to run against another library version. */
    public ChildJvm classPath(String classPath) {
        this.classPath = classPath;
        return this;
    }

    public ChildJvm workingDirectory(Path dir) {
        this.workingDirectory = dir;
        return this;
    }

    /** Runs the child to completion; kills it and fails with the output so far if it exceeds the timeout. */
    public ChildResult run() {
        try (ChildProcess child = start()) {
            return child.waitFor(timeout);
        }
    }

    /** Starts the child and returns at once, for children that serve or wait while the test acts. */
    public ChildProcess start() {
        List<String> command = command();
        ProcessBuilder pb = new ProcessBuilder(command);
        // the parent's JAVA_TOOL_OPTIONS would make the child print "Picked up ..." on stderr and change its flags
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().putAll(env);
        if (workingDirectory != null) {
            pb.directory(workingDirectory.toFile());
        }
        try {
            return new ChildProcess(pb.start(), command, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /** The full command line, for logging. */
    public List<String> command() {
        if (mainClass == null) {
            throw new IllegalStateException("mainClass not set");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.javaExecutable().toString());
        cmd.addAll(jvmArgs);
        if (agentOptions != null) {
            cmd.add(javaAgentArgument(agentJar(), agentOptions));
        }
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classPath != null ? classPath : classPath());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    static String javaAgentArgument(Path jar, Map<String, String> options) {
        String arg = "-javaagent:" + jar;
        if (options.isEmpty()) {
            return arg;
        }
        return arg + "=" + options.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    /** The packaged agent jar; fails with a hint if it has not been built. */
    public static Path agentJar() {
        String configured = System.getProperty(AGENT_JAR_PROPERTY);
        Path jar = configured != null && !configured.isBlank() && !configured.contains("${")
                ? Paths.get(configured)
                // run from an IDE without the pom's system properties: the module's sibling
                : Paths.get(System.getProperty("user.dir")).resolve("../agent/target/httpsignals-agent.jar");
        jar = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("agent jar not found at " + jar + " (system property " + AGENT_JAR_PROPERTY
                    + "): run mvn package first (e.g. mvn -q -pl agent -am package -DskipTests)");
        }
        return jar;
    }

    /** Whether the agent jar exists, for tests that want to skip rather than fail. */
    public static boolean agentJarExists() {
        try {
            agentJar();
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    /** The test runtime class path: {@code it.classpath}, else the class path of this JVM (IDE runs). */
    public static String classPath() {
        String cp = System.getProperty(CLASSPATH_PROPERTY);
        if (cp == null || cp.isBlank() || cp.contains("${")) {
            cp = System.getProperty("java.class.path");
        }
        return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
