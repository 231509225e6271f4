package io.httpsignals.it.support;

import java.util.List;

/** The agent's own stderr lines ({@code httpsignals: ...}) in a child's output. */
public final class AgentMessages {

    private AgentMessages() {
    }

    /** Every agent line except its report of hooks this JDK or library lacks (those are tested per client). */
    public static List<String> problems(ChildResult result) {
        return result.stderrLines().stream().filter(l -> l.startsWith("httpsignals:"))
                .filter(l -> !l.contains(" is not in this JDK") && !l.startsWith("httpsignals: hook ")).toList();
    }
}
