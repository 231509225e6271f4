package io.httpsignals.agent.report;

/** The coloured segments of a waterfall row, in the order a hop goes through them. */
enum Phase {
    QUEUE("queue", "pool wait"),
    DNS("dns", "DNS"),
    CONNECT("connect", "connect"),
    TLS("tls", "TLS"),
    SEND("send", "request sent"),
    WAIT("wait", "waiting for first byte"),
    BODY("body", "body");

    final String key;
    final String label;

    Phase(String key, String label) {
        this.key = key;
        this.label = label;
    }
}
