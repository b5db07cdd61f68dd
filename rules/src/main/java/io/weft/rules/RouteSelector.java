package io.weft.rules;

import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.rule.RoutingRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies a routing rule to one call: the first route whose match holds ({@link #routeOf}), then one of
 * its destinations by weight, then the instances whose tags contain that destination's subset, or the
 * rule's fallback when none has them ({@link #decide}). Pure and non-blocking; works on the snapshot it
 * is given. The instances' router and the console's preview both run it, so what the preview shows is
 * what the instances do.
 */
public final class RouteSelector {
    private RouteSelector() {}

    /**
     * The route of a call: the route's overrides (null when no route matched, meaning "no
     * routing") and the chosen destination's tag subset (null when every instance may be used: no
     * route, or the fallback to all).
     *
     * @param route the route that matched, or null
     * @param subset the tags an instance must have, or null for every instance
     */
    public record Decision(RoutingRule.Route route, Map<String, String> subset) {
        /**
         * The instances of {@code all} this decision allows.
         *
         * @param all the instances to choose from
         * @return {@code all} itself when the decision allows every instance, else those with the subset's tags
         */
        public List<ServiceInstance> instancesOf(List<ServiceInstance> all) {
            return subset == null ? all : RouteSelector.subset(all, subset);
        }
    }

    /**
     * Routes a call over {@code instances} (only checked, never copied: this runs on every call).
     *
     * @param rule the routing rule in force
     * @param method the called method's name
     * @param application the calling application, or null
     * @param metadata the call's metadata
     * @param instances the service's instances, as the directory lists them
     * @return the decision
     * @throws RpcException {@code UNAVAILABLE} when the chosen subset is empty and the rule's
     *     fallback is {@code fail}
     */
    public static Decision select(RoutingRule rule, String method, String application, Map<String, String> metadata,
                                  List<ServiceInstance> instances) {
        RoutingRule.Route route = routeOf(rule, method, application, metadata);
        if (route == null) {
            return new Decision(null, null);
        }
        return decide(rule, route, pick(route.destinations()), instances);
    }

    /**
     * The first route of {@code rule} whose match holds for the call.
     *
     * @param rule the routing rule
     * @param method the called method's name
     * @param application the calling application, or null
     * @param metadata the call's metadata
     * @return the route, or null when none matches (the call is not routed)
     */
    public static RoutingRule.Route routeOf(RoutingRule rule, String method, String application,
                                            Map<String, String> metadata) {
        for (RoutingRule.Route route : rule.routes()) {
            if (Matcher.matchesCall(route.match(), method, application, metadata)) {
                return route;
            }
        }
        return null;
    }

    /**
     * The decision for a call that {@code route} sends to {@code destination}: that destination's subset,
     * or, when no instance has its tags, the rule's fallback.
     *
     * @param rule the routing rule (for its fallback)
     * @param route the route that matched
     * @param destination the destination chosen among the route's
     * @param instances the service's instances
     * @return the decision
     * @throws RpcException {@code UNAVAILABLE} when no instance has the subset's tags and the fallback is
     *     {@code fail}
     */
    public static Decision decide(RoutingRule rule, RoutingRule.Route route, RoutingRule.Destination destination,
                                  List<ServiceInstance> instances) {
        if (!anyHasTags(instances, destination.subset())) {
            if (rule.fallback() == RoutingRule.Fallback.FAIL) {
                throw new RpcException(Status.UNAVAILABLE, "no instance in subset " + destination.subset()
                        + (route.name() == null ? "" : " of route '" + route.name() + "'")
                        + " and the routing rule's fallback is fail");
            }
            return new Decision(route, null);
        }
        return new Decision(route, destination.subset().isEmpty() ? null : destination.subset());
    }

    static RoutingRule.Destination pick(List<RoutingRule.Destination> destinations) {
        if (destinations.size() == 1) {
            return destinations.get(0);
        }
        int total = 0;
        for (RoutingRule.Destination d : destinations) {
            total += d.weight();
        }
        int r = ThreadLocalRandom.current().nextInt(total);
        for (RoutingRule.Destination d : destinations) {
            r -= d.weight();
            if (r < 0) {
                return d;
            }
        }
        return destinations.get(destinations.size() - 1);
    }

    /**
     * The share of a route's calls that go to {@code destination}, as {@link #select} picks: its weight
     * over the sum of the route's destination weights.
     *
     * @param route the route
     * @param destination one of its destinations
     * @return a share in [0, 1]
     */
    public static double shareOf(RoutingRule.Route route, RoutingRule.Destination destination) {
        if (route.destinations().size() == 1) {
            return 1;
        }
        int total = 0;
        for (RoutingRule.Destination d : route.destinations()) {
            total += d.weight();
        }
        return total == 0 ? 0 : destination.weight() / (double) total;
    }

    /** Instances whose tags contain every entry of {@code subset}; all of them for an empty subset. */
    static List<ServiceInstance> subset(List<ServiceInstance> instances, Map<String, String> subset) {
        if (subset.isEmpty()) {
            return instances;
        }
        List<ServiceInstance> out = new ArrayList<>(instances.size());
        for (ServiceInstance i : instances) {
            if (hasTags(i, subset)) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean anyHasTags(List<ServiceInstance> instances, Map<String, String> subset) {
        for (ServiceInstance i : instances) {
            if (hasTags(i, subset)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an instance has every tag of a subset.
     *
     * @param instance the instance
     * @param subset the tags it must have; null or empty: any instance
     * @return true when {@code instance}'s tags hold every entry of {@code subset}
     */
    public static boolean hasTags(ServiceInstance instance, Map<String, String> subset) {
        if (subset == null) {
            return true;
        }
        for (Map.Entry<String, String> t : subset.entrySet()) {
            if (!t.getValue().equals(instance.tags().get(t.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
