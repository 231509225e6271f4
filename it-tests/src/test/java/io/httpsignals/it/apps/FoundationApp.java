package io.httpsignals.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A plain application for the foundation tests; it knows nothing of the agent. Commands (run in order):
 * {@code sync URL} one blocking GET; {@code async BASE N} N concurrent sendAsync GETs of {@code BASE?i=k};
 * {@code refused URL} a GET expected to fail; {@code isolation} tries to see the agent's internals.
 * Prints one line per outcome, which the tests compare with and without the agent.
 */
public final class FoundationApp {

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "sync" -> {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(args[++i])).build(),
                            HttpResponse.BodyHandlers.ofString());
                    System.out.println("sync " + r.statusCode() + " " + r.body().length());
                }
                case "async" -> {
                    String base = args[++i];
                    int n = Integer.parseInt(args[++i]);
                    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        futures.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "?i=" + k)).build(),
                                HttpResponse.BodyHandlers.ofString()));
                    }
                    int ok = 0;
                    for (CompletableFuture<HttpResponse<String>> f : futures) {
                        ok += f.get().statusCode() == 200 ? 1 : 0;
                    }
                    System.out.println("async " + ok + "/" + n);
                }
                case "refused" -> {
                    try {
                        client.send(HttpRequest.newBuilder(URI.create(args[++i])).build(),
                                HttpResponse.BodyHandlers.ofString());
                        System.out.println("refused no-error");
                    } catch (java.io.IOException e) {
                        System.out.println("refused " + e.getClass().getName());
                    }
                }
                case "isolation" -> {
                    for (String name : new String[] {"io.httpsignals.agent.AgentStarter",
                            "io.httpsignals.shaded.net.bytebuddy.ByteBuddy", "io.httpsignals.api.HttpSignalListener"}) {
                        System.out.println("visible " + name + " " + visible(name));
                    }
                    // the application's own Byte Buddy (on its class path) stays the one it gets
                    String jar = net.bytebuddy.ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation()
                            .getPath();
                    System.out.println("bytebuddy " + jar.substring(jar.lastIndexOf('/') + 1));
                }
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
    }

    private static boolean visible(String name) {
        try {
            Class.forName(name, false, FoundationApp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
