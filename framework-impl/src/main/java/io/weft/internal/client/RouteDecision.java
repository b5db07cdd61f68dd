package io.weft.internal.client;

import io.weft.rule.ThrottlingRule;
import io.weft.spi.LoadBalancer;
import java.util.Map;

/**
 * What the {@link Router} decided for one call, read by the endpoint group and the cluster
 * strategy. Immutable; {@link #NONE} (no rule in force) is shared, so an unrouted call allocates
 * nothing.
 *
 * @param subset the tags an instance must have; null: any instance
 * @param subsetRequired the rule's fallback is {@code fail}: no instance of the subset means no instance
 * @param balancer the rule's load balancer; null: the reference's own
 * @param breaker the throttling rule's circuit breaker settings; null: no breaker
 * @param policy the route's retries as a cluster policy; null: the method's own
 */
record RouteDecision(Map<String, String> subset, boolean subsetRequired, LoadBalancer balancer,
                     ThrottlingRule.CircuitBreaker breaker, CallPolicy policy) {
    static final RouteDecision NONE = new RouteDecision(null, false, null, null, null);

    /** True when the instances to pick from, or the way to pick, differ from the reference's own. */
    boolean restrictsPick() {
        return subset != null || balancer != null;
    }
}
