package io.httpsignals.it.apache;

import io.httpsignals.it.apps.Apache5ClassicApp;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.MisbehavingServer;
import io.httpsignals.it.support.Ports;
import io.httpsignals.it.support.RequestSignals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

class ApacheHttpClient5ClassicIT {

    private static Http1Server http;
    private static Http1Server https;
    private static MisbehavingServer closing;

    @BeforeAll
    static void startServers() {
        http = Http1Server.start();
        https = Http1Server.startTls();
        closing = MisbehavingServer.start(MisbehavingServer.Mode.CLOSE_AFTER_FIRST_RESPONSE);
    }

    @AfterAll
    static void stopServers() {
        http.close();
        https.close();
        closing.close();
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void newest(Jdks.Jdk jdk, @TempDir Path dir) {
        ApacheChildRun run = run(jdk, dir, ChildJvm.classPath());
        dump(run);
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void oldest(Jdks.Jdk jdk, @TempDir Path dir) {
        String cp = ApacheChildRun.classPathReplacing(List.of("httpclient5-", "httpcore5-"),
                Path.of(System.getProperty("it.apache5.oldest.dir")));
        ApacheChildRun run = run(jdk, dir, cp);
        dump(run);
    }

    private static ApacheChildRun run(Jdks.Jdk jdk, Path dir, String classPath) {
        http.clearRequests();
        https.clearRequests();
        return ApacheChildRun.run(jdk, dir, classPath, Apache5ClassicApp.class, String.valueOf(http.port()),
                String.valueOf(https.port()), String.valueOf(Ports.refused()), String.valueOf(closing.port()));
    }

    private static void dump(ApacheChildRun run) {
        System.out.println(run.result.stdout());
        System.out.println(run.result.stderr());
        for (RequestSignals r : run.log.requests()) {
            if (!r.url().contains("pool=")) {
                System.out.println(r.id() + " " + r.url() + " " + r.names());
            }
        }
        System.out.println("pool requests: " + run.log.requests().stream().filter(r -> r.url().contains("pool="))
                .count());
    }
}
