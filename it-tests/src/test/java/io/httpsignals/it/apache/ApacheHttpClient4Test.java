package io.httpsignals.it.apache;

import io.httpsignals.it.apps.Apache4App;
import io.httpsignals.it.support.ChildJvm;
import io.httpsignals.it.support.Http1Server;
import io.httpsignals.it.support.Jdks;
import io.httpsignals.it.support.MisbehavingServer;
import io.httpsignals.it.support.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

/** Apache HttpClient 4.5.x (the test class path's 4.5.14 on httpcore 4.4.16) in a child JVM per JDK. */
class ApacheHttpClient4Test {

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
    void scenarios(Jdks.Jdk jdk, @TempDir Path dir) {
        http.clearRequests();
        https.clearRequests();
        ApacheChildRun run = ApacheChildRun.run(jdk, dir, ChildJvm.classPath(), Apache4App.class,
                String.valueOf(http.port()), String.valueOf(https.port()), String.valueOf(Ports.refused()),
                String.valueOf(closing.port()));
        ClassicScenarioChecks.assertAgentLines(run.result.stderr());
        ClassicScenarioChecks checks = new ClassicScenarioChecks(run.log, "apache-httpclient4", true);
        checks.grammarAndClient();
        checks.http(http);
        checks.minimal(http);
        checks.https(https);
        checks.redirect(http);
        checks.refused();
        checks.unknownHost();
        checks.customDns(false);
        checks.leaseTimeout("org.apache.http.conn.ConnectionPoolTimeoutException");
        checks.retry();
        checks.pool(http, "cpool");
    }
}
