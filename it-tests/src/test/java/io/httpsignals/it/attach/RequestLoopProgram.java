package io.httpsignals.it.attach;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A program started without the agent, into which the tests attach it: three clients (JDK HttpClient,
 * HttpURLConnection, Apache 5 classic) each send one request that the server holds (in flight when the agent
 * arrives), then requests in a loop until the stop file exists. It checks every response itself and prints
 * {@code [start c n]} before handing request {@code n} to client {@code c}, then {@code [ok c n]} or
 * {@code [ERROR c n ...]}, {@code [held-ok c]} for the held request, and {@code [done c requests=N errors=E]}.
 *
 * <p>args: base URL of a server with {@code /hello} (body {@code hello}), URL of the holding route (body
 * {@code held}), stop file.
 */
public final class RequestLoopProgram {

    static final List<String> CLIENTS = List.of("jdk", "urlconnection", "apache5");

    private final String base;
    private final String holdUrl;
    private final Path stopFile;
    private final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CloseableHttpClient apache = HttpClients.createDefault();

    private RequestLoopProgram(String base, String holdUrl, Path stopFile) {
        this.base = base;
        this.holdUrl = holdUrl;
        this.stopFile = stopFile;
    }

    public static void main(String[] args) throws Exception {
        new RequestLoopProgram(args[0], args[1], Path.of(args[2])).run();
    }

    private void run() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (String client : CLIENTS) {
            threads.add(start(() -> held(client)));
            threads.add(start(() -> loop(client)));
        }
        for (Thread t : threads) {
            t.join();
        }
        apache.close();
        System.out.println("[exit]");
    }

    private static Thread start(Runnable body) {
        Thread t = new Thread(body);
        t.start();
        return t;
    }

    private void held(String client) {
        String url = holdUrl + "?client=" + client;
        try {
            String body = get(client, url);
            System.out.println(body.equals("held") ? "[held-ok " + client + "]"
                    : "[ERROR " + client + " held: body was '" + body + "']");
        } catch (Exception e) {
            System.out.println("[ERROR " + client + " held: " + e + "]");
        }
    }

    private void loop(String client) {
        int errors = 0;
        int n = 0;
        while (!Files.exists(stopFile)) {
            n++;
            String url = base + "/hello?client=" + client + "&n=" + n;
            System.out.println("[start " + client + " " + n + "]");
            try {
                String body = get(client, url);
                if (body.equals("hello")) {
                    System.out.println("[ok " + client + " " + n + "]");
                } else {
                    errors++;
                    System.out.println("[ERROR " + client + " " + n + " body was '" + body + "']");
                }
            } catch (Exception e) {
                errors++;
                System.out.println("[ERROR " + client + " " + n + " " + e + "]");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
        System.out.println("[done " + client + " requests=" + n + " errors=" + errors + "]");
    }

    /** The body of a 200 response; any other status is an error. */
    private String get(String client, String url) throws Exception {
        switch (client) {
            case "jdk": {
                HttpResponse<String> r = jdk.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return checked(r.statusCode(), r.body());
            }
            case "urlconnection": {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                int status = c.getResponseCode();
                try (InputStream in = c.getInputStream()) {
                    return checked(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            case "apache5":
                return apache.execute(new HttpGet(url),
                        r -> checked(r.getCode(), EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
            default:
                throw new IllegalArgumentException(client);
        }
    }

    private static String checked(int status, String body) {
        if (status != 200) {
            throw new IllegalStateException("status " + status);
        }
        return body;
    }
}
