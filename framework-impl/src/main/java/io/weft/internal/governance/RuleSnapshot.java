package io.weft.internal.governance;

import io.weft.rule.FaultRule;
import io.weft.rule.Rule;
import io.weft.rule.RoutingRule;
import io.weft.rule.RuleKind;
import io.weft.rule.SecurityRule;
import io.weft.rule.ThrottlingRule;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules in force for one service, all kinds at once: immutable, replaced as a whole. A kind
 * whose latest registry value was invalid keeps its last good rule and records the error.
 *
 * @param revisions rule kind → registry revision of the rule in force (absent: no rule)
 * @param errors rule kind → why the latest value was refused (absent: it was applied)
 */
public record RuleSnapshot(RoutingRule routing, ThrottlingRule throttling, FaultRule faults, SecurityRule security,
                           Map<String, Long> revisions, Map<String, String> errors) {
    public static final RuleSnapshot EMPTY = new RuleSnapshot(null, null, null, null, Map.of(), Map.of());

    public RuleSnapshot {
        revisions = Map.copyOf(revisions);
        errors = Map.copyOf(errors);
    }

    /** A copy with {@code rule} (of its kind) in force at {@code revision}, and that kind's error cleared. */
    RuleSnapshot with(Rule rule, long revision) {
        Map<String, Long> rev = new HashMap<>(revisions);
        rev.put(rule.kind().key(), revision);
        Map<String, String> err = new HashMap<>(errors);
        err.remove(rule.kind().key());
        return new RuleSnapshot(
                rule instanceof RoutingRule r ? r : routing,
                rule instanceof ThrottlingRule t ? t : throttling,
                rule instanceof FaultRule f ? f : faults,
                rule instanceof SecurityRule s ? s : security,
                rev, err);
    }

    /** A copy without a rule of {@code kind} (its key was deleted). */
    RuleSnapshot without(RuleKind kind) {
        Map<String, Long> rev = new HashMap<>(revisions);
        rev.remove(kind.key());
        Map<String, String> err = new HashMap<>(errors);
        err.remove(kind.key());
        return new RuleSnapshot(
                kind == RuleKind.ROUTING ? null : routing,
                kind == RuleKind.THROTTLING ? null : throttling,
                kind == RuleKind.FAULTS ? null : faults,
                kind == RuleKind.SECURITY ? null : security,
                rev, err);
    }

    /** A copy keeping the rule in force for {@code kind} but recording why its latest value was refused. */
    RuleSnapshot withError(RuleKind kind, String error) {
        Map<String, String> err = new HashMap<>(errors);
        err.put(kind.key(), error);
        return new RuleSnapshot(routing, throttling, faults, security, revisions, err);
    }

    public boolean isEmpty() {
        return routing == null && throttling == null && faults == null && security == null;
    }
}
