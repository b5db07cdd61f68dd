package io.weft.rule;

import java.util.Optional;

/** The four kinds of governance rule; {@link #key()} is the last segment of the rule's registry key. */
public enum RuleKind {
    /** Where calls go: {@link RoutingRule}, applied by consumers. */
    ROUTING("routing"),
    /** Rate and concurrency limits and a circuit breaker: {@link ThrottlingRule}. */
    THROTTLING("throttling"),
    /** Injected delays and failures: {@link FaultRule}. */
    FAULTS("faults"),
    /** Who may call, how callers authenticate, per-IP connection limits: {@link SecurityRule}, applied by providers. */
    SECURITY("security");

    private final String key;

    RuleKind(String key) {
        this.key = key;
    }

    /**
     * The kind's name in registry keys, the console, the CLI and {@code appliedRules}.
     *
     * @return {@code routing}, {@code throttling}, {@code faults} or {@code security}
     */
    public String key() {
        return key;
    }

    /**
     * The kind named {@code key}.
     *
     * @param key a kind's {@link #key()}, exactly (lower case)
     * @return the kind, or empty when {@code key} names none
     */
    public static Optional<RuleKind> fromKey(String key) {
        for (RuleKind k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
