package io.httpsignals.agent.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The target-JDK check; no JDK older than 17 is installed here, so the refusal itself is tested only this way. */
class AttachCommandTest {

    @Test
    void readsTheFeatureReleaseOfOldAndNewVersionSchemes() {
        assertEquals(8, AttachCommand.feature("1.8"));
        assertEquals(11, AttachCommand.feature("11"));
        assertEquals(17, AttachCommand.feature("17"));
        assertEquals(25, AttachCommand.feature("25"));
        assertEquals(0, AttachCommand.feature("?"));
    }
}
