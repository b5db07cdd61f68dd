package io.weft.rule;

/**
 * A governance rule as stored at {@code /{ns}/rules/{service}/{kind}} (DESIGN §6). Immutable; a
 * new rule replaces the old one as a whole.
 */
public sealed interface Rule permits RoutingRule, ThrottlingRule, FaultRule, SecurityRule {
    /**
     * Which of the four kinds this rule is.
     *
     * @return the kind, whose {@link RuleKind#key()} is the last segment of the rule's registry key
     */
    RuleKind kind();
}
