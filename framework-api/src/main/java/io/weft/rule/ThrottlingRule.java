package io.weft.rule;

import java.util.List;

/**
 * Rate and concurrency limits and a circuit breaker. A throttled call fails fast with
 * {@code RESOURCE_EXHAUSTED}.
 *
 * @param circuitBreaker may be null (no breaker)
 */
public record ThrottlingRule(List<Limit> limits, CircuitBreaker circuitBreaker) implements Rule {
    public ThrottlingRule {
        limits = List.copyOf(limits);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.THROTTLING;
    }

    /** Per-instance or cluster-wide share of a QPS limit. */
    public enum Scope { INSTANCE, CLUSTER }

    /**
     * One limit: {@code qps} (with optional {@code burst}) and/or {@code maxConcurrent}; the unset
     * ones are null.
     */
    public record Limit(String name, Side side, Match match, Double qps, Integer burst, Scope scope,
                        Integer maxConcurrent) {
        public Limit {
            match = match == null ? Match.ANY : match;
            scope = scope == null ? Scope.INSTANCE : scope;
        }
    }

    /** Opens when the failure rate over the window reaches the threshold, after a minimum of calls. */
    public record CircuitBreaker(int failureRatePercent, int minimumCalls, int windowSeconds, int openSeconds) {}
}
