package io.httpsignals.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An application for the safety tests. Commands: {@code get URL [Name:Value ...] ;} one GET with those headers,
 * printing {@code get <status> <body length>} or {@code get error <exception class>}; {@code ready} prints
 * "ready" and waits for stdin to close (so a test can inspect the live process).
 */
public final class SafetyApp {

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "get" -> {
                    HttpRequest.Builder request;
                    try {
                        request = HttpRequest.newBuilder(URI.create(args[++i])).timeout(Duration.ofSeconds(5));
                    } catch (IllegalArgumentException e) {
                        System.out.println("get rejected " + e.getClass().getName());
                        while (i + 1 < args.length && !args[i + 1].equals(";")) {
                            i++;
                        }
                        i++;
                        continue;
                    }
                    while (i + 1 < args.length && !args[i + 1].equals(";")) {
                        String header = args[++i];
                        int colon = header.indexOf(':');
                        request.header(header.substring(0, colon), header.substring(colon + 1));
                    }
                    i++;
                    try {
                        HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                        System.out.println("get " + r.statusCode() + " " + r.body().length);
                    } catch (java.io.IOException e) {
                        System.out.println("get error " + e.getClass().getName());
                    }
                }
                case "ready" -> {
                    System.out.println("ready");
                    System.out.flush();
                    while (System.in.read() >= 0) {
                        // wait until the test closes stdin or kills us
                    }
                }
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
    }
}
