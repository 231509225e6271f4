package io.httpsignals.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ControlArgumentsTest {

    @Test
    void separatesTheControlKeysFromTheOptions() {
        ControlArguments c = ControlArguments.parse("command=status;reply=/tmp/r.txt;listeners=log;log.file=/x");
        assertEquals("status", c.command);
        assertEquals("/tmp/r.txt", c.replyFile);
        assertEquals("listeners=log;log.file=/x", c.options);
    }

    @Test
    void plainAgentArgumentsMeanAttachWithoutReply() {
        ControlArguments c = ControlArguments.parse("listeners=log");
        assertEquals("attach", c.command);
        assertNull(c.replyFile);
        assertEquals("listeners=log", c.options);
        assertEquals("", ControlArguments.parse(null).options);
    }

    @Test
    void writesTheExitCodeThenTheText() throws Exception {
        Path reply = Files.createTempFile("reply", ".txt");
        Files.writeString(reply, "an older, longer content that must not remain");
        ControlArguments.parse("command=detach;reply=" + reply).reply(1, "not attached");
        assertEquals("1\nnot attached", Files.readString(reply));
        Files.delete(reply);
    }

    @Test
    void tellsCacheOffWithoutARegularExpression() {
        assertEquals(true, ControlArguments.parse("listeners=log; cache = off ;debug=true").cacheOff());
        assertEquals(true, ControlArguments.parse("httpsignals.cache=off").cacheOff());
        assertEquals(false, ControlArguments.parse("cache=verify;listeners=log").cacheOff());
        assertEquals(false, ControlArguments.parse("log.file=/x/cache=off").cacheOff());
        assertEquals(false, ControlArguments.parse(null).cacheOff());
    }
}
