package io.httpsignals.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactionTest {

    @AfterEach
    void reset() {
        Redaction.configure(List.of(), List.of());
    }

    @Test
    void defaultSensitiveHeadersIgnoreCase() {
        assertTrue(Redaction.isSensitiveHeader("Authorization"));
        assertTrue(Redaction.isSensitiveHeader("set-cookie"));
        assertTrue(Redaction.isSensitiveHeader("PROXY-AUTHORIZATION"));
        assertFalse(Redaction.isSensitiveHeader("accept"));
    }

    @Test
    void operatorListsAddHeadersAndQueryParameters() {
        Redaction.configure(List.of("X-Api-Key"), List.of("token", "sig"));
        assertTrue(Redaction.isSensitiveHeader("x-api-key"));
        assertEquals("http://h/p?a=1&token=<redacted>&b=2&sig=<redacted>#frag",
                Redaction.sanitizeUrl("http://h/p?a=1&token=abc&b=2&sig=xyz#frag"));
    }

    @Test
    void userInfoPasswordIsRemovedButUserKept() {
        assertEquals("http://bob:<redacted>@[::1]:80/x", Redaction.sanitizeUrl("http://bob:pw@[::1]:80/x"));
        assertEquals("http://bob@h/x", Redaction.sanitizeUrl("http://bob@h/x"));
        assertEquals("http://h/a@b", Redaction.sanitizeUrl("http://h/a@b"));
    }
}
