package io.httpsignals.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made once per test JVM with the running
 * JDK's {@code keytool} (nothing checked in that could expire), plus a trust store holding just that certificate.
 */
public final class Certificates {

    public static final String PASSWORD = "changeit";
    public static final String STORE_TYPE = "PKCS12";
    public static final String ALIAS = "localhost";

    private static Certificates instance;

    private final Path keyStore;
    private final Path trustStore;

    private Certificates(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** The certificate of this test run, generated on first use. */
    public static synchronized Certificates get() {
        if (instance == null) {
            instance = generate();
        }
        return instance;
    }

    /** PKCS12 key store with the private key and certificate, for servers. */
    public Path keyStore() {
        return keyStore;
    }

    /** PKCS12 trust store with only the certificate, for clients. */
    public Path trustStore() {
        return trustStore;
    }

    /** Server side context (key store). */
    public SSLContext serverSslContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore), PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Client side context that trusts the test certificate (and nothing else). */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** System properties that make a child JVM's default SSL context trust the test certificate. */
    public Map<String, String> trustStoreProperties() {
        return Map.of(
                "javax.net.ssl.trustStore", trustStore.toString(),
                "javax.net.ssl.trustStorePassword", PASSWORD,
                "javax.net.ssl.trustStoreType", STORE_TYPE);
    }

    /** The same as {@code -D} arguments. */
    public List<String> trustStoreJvmArgs() {
        List<String> args = new ArrayList<>();
        trustStoreProperties().forEach((k, v) -> args.add("-D" + k + "=" + v));
        args.sort(null);
        return args;
    }

    private static KeyStore load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(STORE_TYPE);
            ks.load(in, PASSWORD.toCharArray());
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Certificates generate() {
        try {
            Path dir = Files.createTempDirectory("httpsignals-it-certs");
            deleteOnExit(dir);
            Path keyStore = dir.resolve("server.p12");
            Path trustStore = dir.resolve("truststore.p12");
            keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost", "-validity", "7",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", keyStore.toString(), "-storetype", STORE_TYPE,
                    "-storepass", PASSWORD, "-keypass", PASSWORD);
            // the trust store is written in-process: one keytool run is slow enough
            Certificate cert = load(keyStore).getCertificate(ALIAS);
            KeyStore trust = KeyStore.getInstance(STORE_TYPE);
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, cert);
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, PASSWORD.toCharArray());
            }
            return new Certificates(keyStore, trustStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool failed: " + String.join(" ", cmd) + "\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }));
    }
}
