package io.weft.rule;

import io.weft.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consumer-side routing: the first route whose match holds picks the destination subsets.
 *
 * @param fallback what to do when the chosen subset has no healthy instance
 * @param loadBalancer balancer name, or null for the reference's own
 * @param hashKey for {@code consistent_hash}: {@code metadata:NAME} or {@code arg:N}; may be null
 */
public record RoutingRule(List<Route> routes, Fallback fallback, String loadBalancer, String hashKey)
        implements Rule {
    public RoutingRule {
        routes = List.copyOf(routes);
        fallback = fallback == null ? Fallback.ALL : fallback;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.ROUTING;
    }

    /** {@code all}: any healthy instance; {@code fail}: {@code UNAVAILABLE}. */
    public enum Fallback { ALL, FAIL }

    /** One route; {@code timeoutMs} and {@code retries} may be null (reference defaults apply). */
    public record Route(String name, Match match, List<Destination> destinations, Integer timeoutMs,
                        Retries retries) {
        public Route {
            match = match == null ? Match.ANY : match;
            destinations = List.copyOf(destinations);
        }
    }

    /** Instances whose tags contain every {@code subset} entry get {@code weight} of the route's traffic. */
    public record Destination(Map<String, String> subset, int weight) {
        public Destination {
            subset = subset == null ? Map.of() : Map.copyOf(subset);
        }
    }

    /** Retry {@code attempts} more times when the call fails with a status in {@code on}. */
    public record Retries(int attempts, Set<Status> on) {
        public Retries {
            on = Set.copyOf(on);
        }
    }
}
