package io.httpsignals.it.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Writes a large signal log shaped like a busy service's: overlapping requests to a few hosts from three client
 * kinds, mostly reused connections, some new ones with DNS/connect/TLS, some pool waits, a few errors and failures.
 */
final class SyntheticLog {

    private static final String[] HOSTS = {"https://api.example.test", "https://auth.example.test:8443",
            "http://10.0.0.7:8080", "http://cache.internal:6081", "https://cdn.example.test"};
    private static final String[] CLIENTS = {"jdk-httpclient", "apache-httpclient5", "apache-httpclient4"};

    private SyntheticLog() {
    }

    static void write(Path file, int requests) throws IOException {
        Random random = new Random(42);
        long t0 = Instant.parse("2026-11-27T12:00:00Z").getEpochSecond() * 1_000_000L;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder b = new StringBuilder(4096);
            long connections = 0;
            for (int id = 1; id <= requests; id++) {
                b.setLength(0);
                long start = t0 + id * 300L + random.nextInt(300); // ~3,300 requests per second
                int host = random.nextInt(HOSTS.length);
                String url = HOSTS[host] + "/items/" + random.nextInt(5000) + "?page=" + random.nextInt(9);
                Line l = new Line(b, id, CLIENTS[random.nextInt(CLIENTS.length)],
                        random.nextInt(10) == 0 ? "POST" : "GET", url, start);
                long t = 0;
                l.add("request_start", t, "");
                if (random.nextInt(20) == 0) {
                    l.add("connection_queued_start", t += 20, "\"leased\":20,\"pending\":3,\"max\":20");
                    l.add("connection_queued_end", t += 500 + random.nextInt(20_000), "");
                }
                long connection;
                if (random.nextInt(15) == 0) {
                    connection = ++connections;
                    l.add("connection_create_start", t += 10, "");
                    l.add("dns_resolvehost_start", t += 5, "\"host\":\"h\"");
                    l.add("dns_resolvehost_end", t += 200 + random.nextInt(3000), "\"host\":\"h\",\"addresses\":[\"10.0.0.1\"]");
                    l.add("connect_start", t += 5, "\"address\":\"10.0.0.1:443\"");
                    l.add("connect_end", t += 300 + random.nextInt(2000), "\"address\":\"10.0.0.1:443\"");
                    if (url.startsWith("https")) {
                        l.add("tls_handshake_start", t += 5, "");
                        l.add("tls_handshake_end", t += 2000 + random.nextInt(8000), "\"tls_version\":\"TLSv1.3\"");
                    }
                    l.add("connection_create_end", t += 5, "\"connection\":" + connection + ",\"protocol\":\"HTTP/1.1\"");
                } else {
                    connection = Math.max(1, connections - random.nextInt(10));
                    l.add("connection_reuseconn", t += 15, "\"connection\":" + connection + ",\"protocol\":\"HTTP/1.1\"");
                }
                l.add("request_headers_sent", t += 40 + random.nextInt(200), "");
                if (random.nextInt(100) == 0) {
                    l.add("request_exception", t += 1000 + random.nextInt(30_000),
                            "\"error\":{\"type\":\"java.net.SocketTimeoutException\",\"message\":\"Read timed out\"}");
                } else {
                    int status = random.nextInt(50) == 0 ? 503 : random.nextInt(25) == 0 ? 404 : 200;
                    l.add("response_headers_received", t += 500 + (long) (Math.abs(random.nextGaussian()) * 20_000),
                            "\"status\":" + status + ",\"protocol\":\"HTTP/1.1\"");
                    l.add("response_chunk_received", t += 100 + random.nextInt(5000), "\"bytes\":8192");
                    l.add("connection_released", t += 5, "\"connection\":" + connection + ",\"kept_alive\":true");
                    l.add("request_end", t += 5, "\"status\":" + status + ",\"bytes_sent\":0,\"bytes_received\":8192");
                }
                out.append(b);
            }
        }
    }

    private record Line(StringBuilder b, int id, String client, String method, String url, long startEpochUs) {
        void add(String signal, long elapsedUs, String fields) {
            b.append("{\"time\":\"").append(Instant.EPOCH.plusNanos((startEpochUs + elapsedUs) * 1000))
                    .append("\",\"request\":").append(id).append(",\"client\":\"").append(client)
                    .append("\",\"signal\":\"").append(signal).append("\",\"elapsed_us\":").append(elapsedUs)
                    .append(",\"method\":\"").append(method).append("\",\"url\":\"").append(url).append('"')
                    .append(fields.isEmpty() ? "" : ",").append(fields).append("}\n");
        }
    }
}
