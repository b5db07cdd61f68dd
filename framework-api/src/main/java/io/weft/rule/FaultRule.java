package io.weft.rule;

import io.weft.Status;
import java.util.List;

/**
 * Fault injection: delays and aborts for a share of matching calls, to test how callers cope.
 *
 * @param faults the faults; of those whose side and match fit a call, the longest delay that fires
 *     holds it and the first abort that fires fails it
 */
public record FaultRule(List<Fault> faults) implements Rule {
    /**
     * Copies the list.
     *
     * @param faults the faults; must not be null
     */
    public FaultRule {
        faults = List.copyOf(faults);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.FAULTS;
    }

    /**
     * One fault; {@code delay} or {@code abort} may be null, not both.
     *
     * @param name a label for the rule's readers (console, audit log); may be null
     * @param side where the fault is injected: a consumer fault before the request is sent, a
     *     provider fault before the service runs
     * @param match which calls it applies to ({@link Match#ANY} when null)
     * @param delay how long to hold matching calls first, or null
     * @param abort how to fail matching calls, or null
     */
    public record Fault(String name, Side side, Match match, Delay delay, Abort abort) {
        /**
         * Normalizes the match.
         *
         * @param name a label, or null
         * @param side the side
         * @param match which calls; null means {@link Match#ANY}
         * @param delay the delay, or null
         * @param abort the abort, or null
         */
        public Fault {
            match = match == null ? Match.ANY : match;
        }
    }

    /**
     * Delay {@code percent} % of matching calls by {@code ms}.
     *
     * @param ms the added delay in milliseconds (0..600000 in rule JSON)
     * @param percent the share of matching calls delayed, 0..100
     */
    public record Delay(long ms, double percent) {}

    /**
     * Fail {@code percent} % of matching calls with {@code status} and {@code message}.
     *
     * @param status the status the call fails with; never {@link Status#OK}
     * @param percent the share of matching calls aborted, 0..100
     * @param message the failure's message, or null for {@code injected fault}
     */
    public record Abort(Status status, double percent, String message) {}
}
