package io.weft.rule;

import io.weft.Status;
import java.util.List;

/** Fault injection: delays and aborts for a share of matching calls. */
public record FaultRule(List<Fault> faults) implements Rule {
    public FaultRule {
        faults = List.copyOf(faults);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.FAULTS;
    }

    /** One fault; {@code delay} or {@code abort} may be null, not both. */
    public record Fault(String name, Side side, Match match, Delay delay, Abort abort) {
        public Fault {
            match = match == null ? Match.ANY : match;
        }
    }

    /** Delay {@code percent} % of matching calls by {@code ms}. */
    public record Delay(long ms, double percent) {}

    /** Fail {@code percent} % of matching calls with {@code status} and {@code message}. */
    public record Abort(Status status, double percent, String message) {}
}
