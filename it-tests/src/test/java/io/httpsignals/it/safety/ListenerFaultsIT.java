package io.httpsignals.it.safety;

import io.httpsignals.it.apps.FoundationApp;
import io.httpsignals.it.plugins.SlowListenerProvider;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.ChildResult;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.PluginJars;
import io.httpsignals.it.support.Ports;
import io.httpsignals.it.support.SignalGrammar;
import io.httpsignals.it.support.SignalLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.httpsignals.it.support.ItAssertions.assertExitedNormally;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Listeners that sleep 50 ms or burn 1 ms of CPU in every callback, dispatched asynchronously (the default for
 * plugins) and synchronously: the application's results stay the same and the log still holds every request whole.
 * (Throwing and recursive listeners: {@code FoundationIT}.)
 */
class ListenerFaultsIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void slowAndBusyListenersChangeNothingTheApplicationSees(Jdks.Jdk jdk) throws Exception {
        Path plugin = PluginJars.build(dir.resolve("slow.jar"), SlowListenerProvider.class);
        try (Http1Server server = Http1Server.start()) {
            String[] app = {"sync", server.uri("/hello").toString(), "async", server.uri("/echo").toString(), "4",
                    "sync", server.uri("/status/503").toString(),
                    "refused", "http://127.0.0.1:" + Ports.refused() + "/x"};
            ChildResult plain = ChildJvm.on(jdk).mainClass(FoundationApp.class).args(app).run();
            assertExitedNormally(plain);
            for (String mode : List.of("sleep", "burn")) {
                for (String dispatch : List.of("auto", "sync")) {
                    Path log = dir.resolve(mode + "-" + dispatch + ".jsonl");
                    Map<String, String> agent = new LinkedHashMap<>();
                    agent.put("plugins", plugin.toString());
                    agent.put("listeners", "slow,log");
                    agent.put("slow.mode", mode);
                    agent.put("dispatch", dispatch);
                    agent.put("log.file", log.toString());
                    ChildResult result = ChildJvm.on(jdk).withAgent(agent).mainClass(FoundationApp.class).args(app)
                            .timeout(Duration.ofSeconds(120)).run();
                    assertExitedNormally(result);
                    assertEquals(plain.stdout(), result.stdout(), mode + "/" + dispatch);
                    SignalLog signals = SignalLog.read(log);
                    assertEquals(7, signals.requests().size(), mode + "/" + dispatch + "\n" + signals.dump());
                    SignalGrammar.assertValid(signals, false);
                }
            }
        }
    }
}
