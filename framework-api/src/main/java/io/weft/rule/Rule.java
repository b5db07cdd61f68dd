package io.weft.rule;

/**
 * A governance rule as stored at {@code /{ns}/rules/{service}/{kind}} (DESIGN §6). Immutable; a
 * new rule replaces the old one as a whole.
 */
public sealed interface Rule permits RoutingRule, ThrottlingRule, FaultRule, SecurityRule {
    RuleKind kind();
}
