package io.weft.rule;

import java.util.List;

/**
 * Rate and concurrency limits and a circuit breaker. A throttled call fails fast with
 * {@code RESOURCE_EXHAUSTED}.
 *
 * @param limits the limits; a call must pass every limit whose side and match fit it
 * @param circuitBreaker per provider instance, on the consumer; may be null (no breaker)
 */
public record ThrottlingRule(List<Limit> limits, CircuitBreaker circuitBreaker) implements Rule {
    /**
     * Copies the list.
     *
     * @param limits the limits; must not be null (empty for none)
     * @param circuitBreaker the breaker, or null
     */
    public ThrottlingRule {
        limits = List.copyOf(limits);
    }

    @Override
    public RuleKind kind() {
        return RuleKind.THROTTLING;
    }

    /** Per-instance or cluster-wide share of a QPS limit. */
    public enum Scope {
        /** Each provider instance allows the full {@code qps}. The default. */
        INSTANCE,
        /** The {@code qps} is for the whole service: each of the N live providers allows qps / N. */
        CLUSTER
    }

    /**
     * One limit: {@code qps} (with optional {@code burst}) and/or {@code maxConcurrent}; the unset
     * ones are null.
     *
     * @param name a label that refusal messages quote; may be null
     * @param side where the limit is enforced; {@link Side#CONSUMER} limits count this consumer's calls
     * @param match which calls it counts ({@link Match#ANY} when null)
     * @param qps calls per second allowed (a token bucket), or null
     * @param burst the bucket's capacity: how many calls may pass at once after a quiet spell; null
     *     means {@code max(1, qps)}
     * @param scope how {@code qps} is shared among provider instances
     * @param maxConcurrent calls allowed in flight at once, or null
     */
    public record Limit(String name, Side side, Match match, Double qps, Integer burst, Scope scope,
                        Integer maxConcurrent) {
        /**
         * Normalizes the match and scope.
         *
         * @param name a label, or null
         * @param side the side
         * @param match which calls; null means {@link Match#ANY}
         * @param qps the rate, or null
         * @param burst the bucket capacity, or null
         * @param scope null means {@link Scope#INSTANCE}
         * @param maxConcurrent the concurrency limit, or null
         */
        public Limit {
            match = match == null ? Match.ANY : match;
            scope = scope == null ? Scope.INSTANCE : scope;
        }
    }

    /**
     * Opens when the failure rate over the window reaches the threshold, after a minimum of calls.
     * While open, the consumer sends nothing to that instance; then one trial call decides whether
     * it closes again.
     *
     * @param failureRatePercent the failure share that opens it, 1..100
     * @param minimumCalls calls needed in the window before it can open (JSON default 20)
     * @param windowSeconds the sliding window the rate is measured over (JSON default 10)
     * @param openSeconds how long it stays open before the trial call (JSON default 5)
     */
    public record CircuitBreaker(int failureRatePercent, int minimumCalls, int windowSeconds, int openSeconds) {}
}
