package io.weft.internal.governance;

import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.rule.RoutingRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies a routing rule to one call: the first route whose match holds, then one of its
 * destinations by weight, then the instances whose tags contain that destination's subset. Pure
 * and non-blocking; works on the snapshot it is given.
 */
public final class RouteSelector {
    private RouteSelector() {}

    /**
     * The route of a call: the route's overrides (null when no route matched, meaning "no
     * routing") and the chosen destination's tag subset (null when every instance may be used: no
     * route, or the fallback to all).
     */
    public record Decision(RoutingRule.Route route, Map<String, String> subset) {
        /** The instances of {@code all} this decision allows. */
        public List<ServiceInstance> instancesOf(List<ServiceInstance> all) {
            return subset == null ? all : RouteSelector.subset(all, subset);
        }
    }

    /**
     * Routes a call over {@code instances} (only checked, never copied: this runs on every call).
     *
     * @throws RpcException {@code UNAVAILABLE} when the chosen subset is empty and the rule's
     *     fallback is {@code fail}
     */
    public static Decision select(RoutingRule rule, String method, String application, Map<String, String> metadata,
                                  List<ServiceInstance> instances) {
        for (RoutingRule.Route route : rule.routes()) {
            if (!Matcher.matchesCall(route.match(), method, application, metadata)) {
                continue;
            }
            RoutingRule.Destination destination = pick(route.destinations());
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
        return new Decision(null, null);
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

    /** True when {@code instance}'s tags hold every entry of {@code subset} (null or empty: always). */
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
