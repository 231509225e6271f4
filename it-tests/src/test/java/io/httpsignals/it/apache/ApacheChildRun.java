package io.httpsignals.it.apache;

import io.httpsignals.it.plugins.HeaderInjectingListenerProvider;
import io.httpsignals.it.support.Certificates;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.PluginJars;
import io.httpsignals.it.support.SignalLog;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;

/** Runs one Apache client scenario program in a child JVM with the log listener and the test plugin that injects the trace id. */
final class ApacheChildRun {

    /** The header the test plugin {@code inject} sets to the request's trace id (on every hop). */
    static final String TRACE_HEADER = "X-Signals-Trace";

    final ChildResult result;
    final SignalLog log;

    private ApacheChildRun(ChildResult result, SignalLog log) {
        this.result = result;
        this.log = log;
    }

    static ApacheChildRun run(Jdks.Jdk jdk, Path dir, String classPath, Class<?> app, String... args) {
        Path logFile = dir.resolve("signals.jsonl");
        Path plugin = PluginJars.build(dir.resolve("inject.jar"), HeaderInjectingListenerProvider.class);
        ChildResult result = ChildJvm.on(jdk)
                .withAgent(Map.of("listeners", "log,inject", "inject.header", TRACE_HEADER,
                        "log.file", logFile.toString(), "plugins", plugin.toString()))
                .jvmArg(Certificates.get().trustStoreJvmArgs().toArray(new String[0]))
                .classPath(classPath)
                .mainClass(app)
                .args(args)
                .timeout(Duration.ofSeconds(90))
                .run();
        assertExitedNormally(result);
        return new ApacheChildRun(result, SignalLog.read(logFile));
    }

    /** The test class path without the jars whose names start with any of {@code excludedPrefixes}, plus {@code extraJars}. */
    static String classPathReplacing(List<String> excludedPrefixes, Path extraJarsDir) {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(extraJarsDir)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> entries.add(p.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Arrays.stream(ChildJvm.classPath().split(File.pathSeparator))
                .filter(e -> excludedPrefixes.stream().noneMatch(prefix -> Path.of(e).getFileName().toString()
                        .startsWith(prefix)))
                .forEach(entries::add);
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }
}
