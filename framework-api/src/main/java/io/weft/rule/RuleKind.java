package io.weft.rule;

import java.util.Optional;

/** The four kinds of governance rule; {@link #key()} is the last segment of the rule's registry key. */
public enum RuleKind {
    ROUTING("routing"),
    THROTTLING("throttling"),
    FAULTS("faults"),
    SECURITY("security");

    private final String key;

    RuleKind(String key) {
        this.key = key;
    }

    /** {@code routing}, {@code throttling}, {@code faults} or {@code security}. */
    public String key() {
        return key;
    }

    public static Optional<RuleKind> fromKey(String key) {
        for (RuleKind k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
