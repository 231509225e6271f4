package io.httpsignals.it.apache;

import io.httpsignals.it.apps.Apache5ClassicApp;
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
import java.util.List;

/**
 * Apache HttpClient 5.x classic API: the newest 5.6.x (the test class path) and the oldest claimed 5.x (5.2, its
 * own jars, without the 5.6 ones), each in a child JVM per JDK, running {@link Apache5ClassicApp}.
 */
class ApacheHttpClient5ClassicTest {

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
        ClassicScenarioChecks.assertAgentLines(run.result.stderr());
        ClassicScenarioChecks checks = new ClassicScenarioChecks(run.log, "apache-httpclient5", true);
        check(checks, true);
        // httpcore5 5.4+ only: the route-segmented pool (PoolConcurrencyPolicy.OFFLOCK)
        checks.pool(http, "offlock");
    }

    @ParameterizedTest
    @MethodSource("io.httpsignals.it.support.Jdks#all")
    void oldest(Jdks.Jdk jdk, @TempDir Path dir) {
        String cp = ApacheChildRun.classPathReplacing(List.of("httpclient5-", "httpcore5-"),
                Path.of(System.getProperty("it.apache5.oldest.dir")));
        ApacheChildRun run = run(jdk, dir, cp);
        // 5.2 has no socket/TLS callbacks in its connection operator (its socket factories are observed instead)
        // and no resolve(host, port), so a custom DnsResolver's lookup is observed without its result
        ClassicScenarioChecks.assertAgentLines(run.result.stderr(), "BeforeSocketConnectAdvice",
                "AfterSocketConnectAdvice", "BeforeTlsHandshakeAdvice", "AfterTlsHandshakeAdvice",
                "DnsResolveHostPortAdvice");
        check(new ClassicScenarioChecks(run.log, "apache-httpclient5", true), false);
    }

    private static void check(ClassicScenarioChecks checks, boolean customDnsAddressesKnown) {
        checks.grammarAndClient();
        checks.http(http);
        checks.minimal(http);
        checks.https(https);
        checks.redirect(http);
        checks.refused();
        checks.unknownHost();
        checks.customDns(customDnsAddressesKnown);
        checks.leaseTimeout("org.apache.hc.core5.http.ConnectionRequestTimeoutException");
        checks.retry();
        checks.pool(http, "strict");
        checks.pool(http, "lax");
    }

    private static ApacheChildRun run(Jdks.Jdk jdk, Path dir, String classPath) {
        http.clearRequests();
        https.clearRequests();
        return ApacheChildRun.run(jdk, dir, classPath, Apache5ClassicApp.class, String.valueOf(http.port()),
                String.valueOf(https.port()), String.valueOf(Ports.refused()), String.valueOf(closing.port()));
    }
}
