package io.weft.console;

import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.rule.Match;
import io.weft.rule.RoutingRule;
import io.weft.rules.RouteSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a routing rule would do now, before it is saved: for each route (and for the calls no route
 * matches) the instances each destination selects and the expected share of that route's calls per
 * provider. The selection is {@link RouteSelector}'s, the code the consumers run: a destination's share
 * is its weight over the route's, its instances those {@link RouteSelector#decide} allows (its subset, or
 * the rule's fallback). Within them the balancers pick by effective weight F = weight × H (DESIGN §3),
 * modelled with the status heartbeat's health for H; an instance out of rotation ({@link InstanceStanding})
 * gets nothing, as in a consumer's endpoint snapshot: a destination whose instances are all out of
 * rotation falls back to every instance in rotation ({@code fallback: all}) or fails, and with no
 * instance in rotation at all the consumers pick among all of them by weight (panic mode).
 */
final class RoutingPreview {
    private RoutingPreview() {}

    /** The preview: {@code unmatched} is null when every call matches a route. */
    record Result(String kind, boolean written, List<InstanceStanding> instances, List<RouteView> routes,
                  RouteView unmatched, List<String> notes) {}

    /**
     * One route: what its match covers, each destination's selection and the resulting share per
     * instance; {@code failing} is the share of its calls that would fail {@code UNAVAILABLE}.
     */
    record RouteView(String name, String when, boolean reached, List<DestinationView> destinations,
                     List<Share> shares, double failing, List<String> notes) {}

    /** One destination: its weight's share of the route's calls and the instances it selects. */
    record DestinationView(Map<String, String> subset, int weight, double share, List<String> instances,
                           String outcome) {}

    /** One provider's expected share of a route's calls. */
    record Share(String instanceId, Map<String, String> tags, int weight, double health, String state, double share) {}

    static Result of(RoutingRule rule, List<ServiceInstance> providers, Map<String, InstanceStanding> standings) {
        List<InstanceStanding> all = providers.stream().map(p -> standings.get(p.instanceId())).toList();
        List<String> notes = new ArrayList<>();
        if (providers.isEmpty()) {
            notes.add("no provider is registered: every routed call would fail");
        } else if (all.stream().noneMatch(InstanceStanding::inRotation)) {
            notes.add("no provider is in rotation (all unhealthy or stale): consumers pick among all of them by weight");
        }
        if ("consistent_hash".equals(rule.loadBalancer())) {
            notes.add("consistent_hash: each key sticks to one instance; the shares assume keys spread evenly");
        } else if ("least_active".equals(rule.loadBalancer())) {
            notes.add("least_active favours the least busy instance; the shares are by weight × health");
        }
        List<RouteView> routes = new ArrayList<>();
        String shadowedBy = null;
        for (RoutingRule.Route route : rule.routes()) {
            routes.add(route(rule, route, providers, standings, shadowedBy));
            if (shadowedBy == null && route.match().matchesEverything()) {
                shadowedBy = label(route, routes.size());
            }
        }
        RouteView unmatched = shadowedBy != null ? null : unmatched(providers, standings);
        return new Result("routing", false, all, routes, unmatched, notes);
    }

    private static RouteView route(RoutingRule rule, RoutingRule.Route route, List<ServiceInstance> providers,
                                   Map<String, InstanceStanding> standings, String shadowedBy) {
        List<String> notes = new ArrayList<>();
        if (shadowedBy != null) {
            notes.add("never reached: " + shadowedBy + " before it matches every call");
        }
        List<InstanceStanding> rotation = inRotation(providers, standings);
        Map<String, Double> shares = new LinkedHashMap<>();
        List<DestinationView> destinations = new ArrayList<>();
        double failing = 0;
        for (RoutingRule.Destination destination : route.destinations()) {
            double share = RouteSelector.shareOf(route, destination);
            List<ServiceInstance> allowed;
            String outcome;
            try {
                RouteSelector.Decision decision = RouteSelector.decide(rule, route, destination, providers);
                allowed = decision.instancesOf(providers);
                outcome = decision.subset() == null && !destination.subset().isEmpty()
                        ? "no instance has these tags: fallback to all instances" : "selected";
            } catch (RpcException e) { // fallback: fail, and no instance has the tags
                failing += share;
                destinations.add(new DestinationView(destination.subset(), destination.weight(), share, List.of(),
                        "no instance has these tags: calls fail (fallback: fail)"));
                continue;
            }
            List<InstanceStanding> candidates = standingsOf(allowed, standings).stream()
                    .filter(InstanceStanding::inRotation).toList();
            if (candidates.isEmpty() && rotation.isEmpty()) {
                candidates = standingsOf(allowed, standings); // panic mode: all of them
            } else if (candidates.isEmpty() && rule.fallback() != RoutingRule.Fallback.FAIL) {
                candidates = rotation;
                outcome = "its instances are out of rotation: fallback to all instances in rotation";
            } else if (candidates.isEmpty()) {
                failing += share;
                outcome = "its instances are out of rotation: calls fail (fallback: fail)";
            }
            spread(share, candidates, shares);
            destinations.add(new DestinationView(destination.subset(), destination.weight(), share,
                    allowed.stream().map(ServiceInstance::instanceId).toList(), outcome));
        }
        return new RouteView(route.name(), describe(route.match()), shadowedBy == null, destinations,
                sharesOf(providers, standings, shares), failing, notes);
    }

    /** Calls no route matches are not routed: every provider in rotation, by weight × health. */
    private static RouteView unmatched(List<ServiceInstance> providers, Map<String, InstanceStanding> standings) {
        List<InstanceStanding> rotation = inRotation(providers, standings);
        Map<String, Double> shares = new LinkedHashMap<>();
        spread(1, rotation.isEmpty() ? standingsOf(providers, standings) : rotation, shares);
        return new RouteView(null, "calls no route matches (not routed)", true, List.of(),
                sharesOf(providers, standings, shares), providers.isEmpty() ? 1 : 0, List.of());
    }

    /**
     * Adds {@code share} to {@code into}, split over {@code candidates} in proportion to weight × health
     * (by weight alone when that is 0 for all of them: panic mode).
     */
    static void spread(double share, List<InstanceStanding> candidates, Map<String, Double> into) {
        double total = 0;
        for (InstanceStanding c : candidates) {
            total += c.weight() * c.health();
        }
        boolean byWeight = total <= 0;
        if (byWeight) {
            for (InstanceStanding c : candidates) {
                total += c.weight();
            }
        }
        if (total <= 0) {
            return;
        }
        for (InstanceStanding c : candidates) {
            double f = byWeight ? c.weight() : c.weight() * c.health();
            into.merge(c.instanceId(), share * f / total, Double::sum);
        }
    }

    private static List<Share> sharesOf(List<ServiceInstance> providers, Map<String, InstanceStanding> standings,
                                        Map<String, Double> shares) {
        List<Share> out = new ArrayList<>(providers.size());
        for (ServiceInstance p : providers) {
            InstanceStanding s = standings.get(p.instanceId());
            out.add(new Share(s.instanceId(), s.tags(), s.weight(), s.health(), s.state(),
                    shares.getOrDefault(s.instanceId(), 0.0)));
        }
        return out;
    }

    private static List<InstanceStanding> inRotation(List<ServiceInstance> providers,
                                                     Map<String, InstanceStanding> standings) {
        return standingsOf(providers, standings).stream().filter(InstanceStanding::inRotation).toList();
    }

    private static List<InstanceStanding> standingsOf(List<ServiceInstance> instances,
                                                      Map<String, InstanceStanding> standings) {
        return instances.stream().map(i -> standings.get(i.instanceId())).toList();
    }

    private static String label(RoutingRule.Route route, int position) {
        return route.name() == null ? "route " + position : "route '" + route.name() + "'";
    }

    /** The calls a match covers, in words: {@code every call}, or its fields joined by "and". */
    static String describe(Match m) {
        if (m.matchesEverything()) {
            return "every call";
        }
        List<String> parts = new ArrayList<>();
        if (!m.methods().isEmpty()) {
            parts.add("method in " + m.methods());
        }
        if (!m.consumerApps().isEmpty()) {
            parts.add("consumer app in " + m.consumerApps());
        }
        m.metadata().forEach((k, v) -> parts.add("metadata " + k + "=" + v));
        if (!m.sourceCidrs().isEmpty()) {
            parts.add("source in " + m.sourceCidrs());
        }
        if (!m.instances().isEmpty()) {
            parts.add("served by " + m.instances());
        }
        return String.join(" and ", parts);
    }
}
