package io.httpsignals.it.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven through the DevTools protocol over the JDK's WebSocket client: no browser
 * automation library, no network. One page per instance; console errors and uncaught exceptions are collected.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
    private String session;

    private HeadlessChromium(Process process, Path profile, String devtoolsUrl) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(devtoolsUrl), new Listener()).get(30, TimeUnit.SECONDS);
    }

    /** Starts Chromium with a fresh profile and opens one page of the given size; fails if it is not installed. */
    static HeadlessChromium launch(int width, int height) throws Exception {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new AssertionError("Chromium is not installed at " + EXECUTABLE + ": the report tests need it to "
                    + "render the page. Install it with: apt-get update && apt-get install -y chromium "
                    + "(.ci/run does this on CI)");
        }
        Path profile = Files.createTempDirectory("httpsignals-chromium-");
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<String> url = new CompletableFuture<>();
        List<String> early = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    early.add(line);
                    Matcher m = DEVTOOLS_URL.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            url.completeExceptionally(new AssertionError("Chromium exited without a DevTools URL; stderr:\n"
                    + String.join("\n", early)));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String devtools;
        try {
            devtools = url.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not print its DevTools URL; stderr:\n" + String.join("\n", early), e);
        }
        HeadlessChromium chromium = new HeadlessChromium(process, profile, devtools);
        chromium.stderr.addAll(early);
        chromium.openPage(width, height);
        return chromium;
    }

    private void openPage(int width, int height) {
        String target = browserCommand("Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        session = browserCommand("Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        command("Runtime.enable", Map.of());
        command("Log.enable", Map.of());
        command("Page.enable", Map.of());
        command("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Loads the URL and waits for its load event. */
    void navigate(String url) throws Exception {
        loaded = new CompletableFuture<>();
        JsonNode result = command("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new AssertionError("navigation to " + url + " failed: " + result.get("errorText").asText());
        }
        loaded.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Evaluates a JavaScript expression (promises are awaited) and returns its value as JSON. */
    JsonNode eval(String expression) {
        JsonNode result = command("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("JavaScript failed: " + expression + "\n" + result.get("exceptionDetails"));
        }
        JsonNode value = result.get("result").get("value");
        return value == null ? json.nullNode() : value;
    }

    /** Waits, polling in the page, until the expression is truthy; fails after the timeout. */
    void await(String condition, Duration timeout) {
        JsonNode ok = eval("new Promise(resolve => { const until = Date.now() + " + timeout.toMillis() + ";"
                + " const poll = () => { let v = false; try { v = !!(" + condition + "); } catch (e) {}"
                + " if (v || Date.now() > until) resolve(v); else setTimeout(poll, 25); }; poll(); })");
        if (!ok.asBoolean()) {
            throw new AssertionError("the page did not reach: " + condition + " within " + timeout);
        }
    }

    /** A real mouse click at the middle-left of the first element matching the selector. */
    void click(String selector) {
        JsonNode at = eval("(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " if (!e) return null; e.scrollIntoView({block: 'nearest'}); const r = e.getBoundingClientRect();"
                + " return {x: r.left + Math.min(20, r.width / 2), y: r.top + r.height / 2}; })()");
        if (at.isNull()) {
            throw new AssertionError("nothing to click: " + selector);
        }
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            command("Input.dispatchMouseEvent", Map.of("type", type, "x", at.get("x").asDouble(),
                    "y", at.get("y").asDouble(), "button", "left", "clickCount", 1));
        }
    }

    void screenshot(Path png) throws IOException {
        JsonNode shot = command("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** Console errors, uncaught exceptions and error log entries seen so far. */
    List<String> consoleErrors() {
        return new ArrayList<>(consoleErrors);
    }

    static String quote(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode command(String method, Map<String, Object> params) {
        return send(method, params, session);
    }

    private JsonNode browserCommand(String method, Map<String, Object> params) {
        return send(method, params, null);
    }

    private JsonNode send(String method, Map<String, Object> params, String sessionId) {
        long id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", json.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(message.toString(), true).get(30, TimeUnit.SECONDS);
            JsonNode answer = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new AssertionError("DevTools " + method + " failed: " + answer.get("error"));
            }
            return answer.get("result");
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("DevTools " + method + " got no answer; Chromium stderr:\n"
                    + String.join("\n", stderr), e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asLong());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> consoleErrors.add("uncaught: " + params.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                    consoleErrors.add("console." + type + ": " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if (params.path("entry").path("level").asText().equals("error")) {
                    consoleErrors.add("log: " + params.path("entry"));
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            browserCommand("Browser.close", Map.of());
        } catch (AssertionError ignored) {
            // it may close the socket before it answers
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failPending(new IOException("DevTools connection closed: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failPending(error);
        }

        private void failPending(Throwable error) {
            pending.values().forEach(reply -> reply.completeExceptionally(error));
        }
    }
}
