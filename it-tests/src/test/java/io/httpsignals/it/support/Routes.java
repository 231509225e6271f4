package io.httpsignals.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handler set every test server answers with, so a test can swap HTTP/1.1, TLS, h2 and h2c without changing
 * its expectations:
 *
 * <pre>
 * GET  /hello                          200 "hello"
 * ANY  /echo                           200 JSON {method, path, query, protocol, headers, bodyLength}
 * ANY  /status/{code}                  {code}
 * ANY  /redirect/{code}?to=/hello      {code} with Location (default /hello)
 * ANY  /redirect-chain/{n}             302 to /redirect-chain/{n-1}, /redirect-chain/0 to /hello
 * ANY  /slow?ms=N                      200 "slow" after N ms
 * ANY  /bytes?n=N&amp;chunked=true|false   200 with N bytes ('a'..'z')
 * POST /upload                         200 {"bytes":N}, N the request body length
 * ANY  /header-echo?name=X[&amp;value=V]   200, response header X = request header X (or V)
 * ANY  /set-cookie                     200 with Set-Cookie: session=abc123; Path=/
 * else                                 404
 * </pre>
 */
final class Routes {

    static final int MAX_BYTES = 64 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Routes() {
    }

    static Reply handle(RecordedRequest req) throws InterruptedException {
        String path = req.path();
        if (path.equals("/hello")) {
            return Reply.text(200, "hello");
        }
        if (path.equals("/echo")) {
            return echo(req);
        }
        if (path.startsWith("/status/")) {
            int code = intSegment(path, "/status/", 200);
            return Reply.text(code, "status " + code);
        }
        if (path.startsWith("/redirect/")) {
            int code = intSegment(path, "/redirect/", 302);
            String to = req.queryParam("to");
            return Reply.text(code, "redirect").header("Location", to == null || to.isEmpty() ? "/hello" : to);
        }
        if (path.startsWith("/redirect-chain/")) {
            int n = intSegment(path, "/redirect-chain/", 0);
            String location = n <= 1 ? "/hello" : "/redirect-chain/" + (n - 1);
            return n <= 0 ? Reply.text(200, "hello") : Reply.text(302, "redirect").header("Location", location);
        }
        if (path.equals("/slow")) {
            Thread.sleep(longParam(req, "ms", 1000));
            return Reply.text(200, "slow");
        }
        if (path.equals("/bytes")) {
            int n = (int) Math.min(longParam(req, "n", 1024), MAX_BYTES);
            byte[] body = new byte[n];
            for (int i = 0; i < n; i++) {
                body[i] = (byte) ('a' + i % 26);
            }
            boolean chunked = "true".equals(req.queryParam("chunked"));
            return new Reply(200, new LinkedHashMap<>(), body, chunked)
                    .header("Content-Type", "application/octet-stream");
        }
        if (path.equals("/upload")) {
            return "POST".equals(req.method()) || "PUT".equals(req.method())
                    ? Reply.json(200, "{\"bytes\":" + req.bodyLength() + "}")
                    : Reply.text(405, "POST only").header("Allow", "POST, PUT");
        }
        if (path.equals("/header-echo")) {
            String name = req.queryParam("name");
            if (name == null || name.isEmpty()) {
                return Reply.text(400, "name= missing");
            }
            String value = req.queryParam("value");
            Reply reply = Reply.text(200, "header-echo");
            if (value != null) {
                reply.header(name, value);
            } else {
                req.headers(name).forEach(v -> reply.header(name, v));
            }
            return reply;
        }
        if (path.equals("/set-cookie")) {
            return Reply.text(200, "cookie set").header("Set-Cookie", "session=abc123; Path=/");
        }
        return Reply.text(404, "not found: " + path);
    }

    private static Reply echo(RecordedRequest req) {
        ObjectNode o = JSON.createObjectNode();
        o.put("method", req.method());
        o.put("path", req.path());
        o.put("query", req.query());
        o.put("protocol", req.protocol());
        ObjectNode headers = o.putObject("headers");
        for (Map.Entry<String, List<String>> e : req.headers().entrySet()) {
            e.getValue().forEach(headers.putArray(e.getKey())::add);
        }
        o.put("bodyLength", req.bodyLength());
        return Reply.json(200, o.toString());
    }

    private static int intSegment(String path, String prefix, int fallback) {
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        try {
            return Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long longParam(RecordedRequest req, String name, long fallback) {
        String v = req.queryParam(name);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
