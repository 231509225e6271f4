package io.httpsignals.it.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Child program: drives {@link HttpURLConnection} the ways applications do, one scenario after the other in the
 * order given, so keep-alive reuse between them is deterministic. Arguments: pairs of scenario name and URL. Prints
 * {@code <scenario> ok <status>} or {@code <scenario> failed <exception>} per scenario; exits 0 unless a scenario
 * name is unknown.
 */
public final class UrlConnectionScenarios {

    private UrlConnectionScenarios() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            String scenario = args[i];
            URL url = new URL(args[i + 1]);
            try {
                int status = run(scenario, url);
                System.out.println(scenario + " ok " + status);
            } catch (IOException e) {
                System.out.println(scenario + " failed " + e);
            }
        }
    }

    private static int run(String scenario, URL url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        switch (scenario) {
            case "get": { // the common idiom: open, read everything, close
                try (InputStream in = c.getInputStream()) {
                    in.readAllBytes();
                }
                return c.getResponseCode();
            }
            case "mixed-calls": { // every accessor before the body, each more than once
                c.connect();
                c.connect();
                int status = c.getResponseCode();
                c.getHeaderField("Content-Type");
                c.getHeaderFields();
                c.getResponseCode();
                InputStream in = c.getInputStream();
                if (c.getInputStream() != in) {
                    throw new IllegalStateException("a second stream");
                }
                in.readAllBytes();
                in.close();
                c.disconnect();
                return status;
            }
            case "read-to-end-unclosed": { // byte by byte to -1, never closed
                InputStream in = c.getInputStream();
                while (in.read() >= 0) {
                    // drain
                }
                return c.getResponseCode();
            }
            case "head": {
                c.setRequestMethod("HEAD");
                return c.getResponseCode();
            }
            case "post-buffered": {
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(new byte[600]);
                    out.write(new byte[400]);
                }
                return readAll(c);
            }
            case "post-fixed": {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(1000);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(new byte[600]);
                    out.write(new byte[400]);
                }
                return readAll(c);
            }
            case "post-chunked": {
                c.setDoOutput(true);
                c.setChunkedStreamingMode(256);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(new byte[300]);
                    out.write(7);
                    out.write(new byte[300]);
                }
                return readAll(c);
            }
            case "error-status": { // getInputStream throws; the body comes from getErrorStream
                int status = c.getResponseCode();
                try (InputStream err = c.getErrorStream()) {
                    err.readAllBytes();
                }
                return status;
            }
            case "no-follow": {
                c.setInstanceFollowRedirects(false);
                return readAll(c);
            }
            case "disconnect-mid-body": { // one byte of a large body, then disconnect
                InputStream in = c.getInputStream();
                in.read();
                int status = c.getResponseCode();
                c.disconnect();
                return status;
            }
            case "close-mid-body": { // one byte of a large body, then close the stream
                InputStream in = c.getInputStream();
                in.read();
                in.close();
                return c.getResponseCode();
            }
            case "post-expect-continue": { // the server's 100 Continue before the streaming body
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(100);
                c.setRequestProperty("Expect", "100-Continue");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(new byte[100]);
                }
                return readAll(c);
            }
            case "disconnect-before-response": { // half a streaming body, then give up
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(10);
                OutputStream out = c.getOutputStream();
                out.write(new byte[5]);
                c.disconnect();
                return -1;
            }
            case "read-timeout": {
                c.setReadTimeout(300);
                return readAll(c);
            }
            case "pause": { // lets a server close idle connections
                Thread.sleep(Long.parseLong(url.getQuery()));
                return 0;
            }
            default:
                System.out.println("unknown scenario " + scenario);
                System.exit(2);
                return -1;
        }
    }

    /** getResponseCode, then the whole body from the stream that has it. */
    static int readAll(HttpURLConnection c) throws IOException {
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status;
    }
}
