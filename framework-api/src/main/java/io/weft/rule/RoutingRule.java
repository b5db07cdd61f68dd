package io.weft.rule;

import io.weft.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consumer-side routing: the first route whose match holds picks the destination subsets.
 *
 * @param routes the routes in order; the first whose match holds decides (none matching: any instance)
 * @param fallback what to do when the chosen subset has no healthy instance
 * @param loadBalancer balancer name, or null for the reference's own
 * @param hashKey for {@code consistent_hash}: {@code metadata:NAME} or {@code arg:N}; may be null
 */
public record RoutingRule(List<Route> routes, Fallback fallback, String loadBalancer, String hashKey)
        implements Rule {
    /**
     * Normalizes the fallback and copies the list.
     *
     * @param routes the routes; must not be null
     * @param fallback null means {@link Fallback#ALL}
     * @param loadBalancer a balancer name, or null
     * @param hashKey the consistent-hash key, or null
     */
    public RoutingRule {
        routes = List.copyOf(routes);
        fallback = fallback == null ? Fallback.ALL : fallback;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.ROUTING;
    }

    /** {@code all}: any healthy instance; {@code fail}: {@code UNAVAILABLE}. */
    public enum Fallback {
        /** Send to any healthy instance of the service. The default. */
        ALL,
        /** Fail the call with {@code UNAVAILABLE}. */
        FAIL
    }

    /**
     * One route; {@code timeoutMs} and {@code retries} may be null (reference defaults apply).
     *
     * @param name a label that messages about the route quote; may be null
     * @param match which calls take this route ({@link Match#ANY} when null); {@code sourceCidrs} and
     *     {@code instances} are not allowed here
     * @param destinations the subsets and their weights; at least one, not all weights 0
     * @param timeoutMs shortens the deadline of calls on this route to this many milliseconds
     *     (1..3600000), or null
     * @param retries the route's retry policy, or null; it applies whether or not the method is
     *     {@link io.weft.Idempotent}
     */
    public record Route(String name, Match match, List<Destination> destinations, Integer timeoutMs,
                        Retries retries) {
        /**
         * Normalizes the match and copies the list.
         *
         * @param name a label, or null
         * @param match which calls; null means {@link Match#ANY}
         * @param destinations the destinations; must not be null
         * @param timeoutMs the deadline in milliseconds, or null
         * @param retries the retry policy, or null
         */
        public Route {
            match = match == null ? Match.ANY : match;
            destinations = List.copyOf(destinations);
        }
    }

    /**
     * Instances whose tags contain every {@code subset} entry get {@code weight} of the route's traffic.
     *
     * @param subset the tags an instance must carry; empty means every instance
     * @param weight this destination's share, relative to the route's other destinations (0..100)
     */
    public record Destination(Map<String, String> subset, int weight) {
        /**
         * Copies the subset.
         *
         * @param subset the tags; null means none (every instance)
         * @param weight the share
         */
        public Destination {
            subset = subset == null ? Map.of() : Map.copyOf(subset);
        }
    }

    /**
     * Retry {@code attempts} more times when the call fails with a status in {@code on}.
     *
     * @param attempts extra attempts after the first (0..10)
     * @param on the statuses that cause a retry (in JSON, {@code UNAVAILABLE} when omitted)
     */
    public record Retries(int attempts, Set<Status> on) {
        /**
         * Copies the set.
         *
         * @param attempts extra attempts
         * @param on the retryable statuses; must not be null
         */
        public Retries {
            on = Set.copyOf(on);
        }
    }
}
