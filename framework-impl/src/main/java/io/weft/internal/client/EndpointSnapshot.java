package io.weft.internal.client;

import io.weft.ServiceInstance;
import io.weft.rules.RouteSelector;
import io.weft.spi.Endpoint;
import io.weft.spi.LoadBalancer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One immutable view of a reference's providers for picking (the gRPC {@code SubchannelPicker} /
 * Armeria {@code selectNow} shape): the instances in rotation with their effective weights frozen
 * (all instances when none is in rotation: panic mode), and the balancer's picker built once over
 * them. A pick reads nothing but this object and the endpoints' live load; it never blocks, never
 * locks, and allocates only when the call excludes instances already tried (retries, forking).
 *
 * <p>Routed calls get a picker over the endpoints whose tags hold the route's subset, with the
 * routing rule's balancer when it names one; built on first use and cached in this snapshot, so
 * the cache dies with it.
 */
final class EndpointSnapshot {
    private static final Logger log = LoggerFactory.getLogger(EndpointSnapshot.class);

    /** The snapshot before the directory was first read: no picker. */
    static final EndpointSnapshot EMPTY = new EndpointSnapshot(null, List.of(), "", null);

    /** What a routed call's picker depends on besides the snapshot. */
    private record RouteKey(Map<String, String> subset, LoadBalancer balancer, boolean required) {}

    private final List<ServiceInstance> source;
    private final List<SnapshotEndpoint> endpoints;
    private final String service;
    private final LoadBalancer balancer;
    private final LoadBalancer.Picker picker;
    private final Map<String, EndpointState> byAddress;
    private final ConcurrentHashMap<RouteKey, LoadBalancer.Picker> routed = new ConcurrentHashMap<>();

    private EndpointSnapshot(List<ServiceInstance> source, List<SnapshotEndpoint> endpoints, String service,
                             LoadBalancer balancer) {
        this.source = source;
        this.endpoints = endpoints;
        this.service = service;
        this.balancer = balancer;
        this.picker = endpoints.isEmpty() ? null : pickerOf(List.copyOf(endpoints), balancer);
        Map<String, EndpointState> map = new HashMap<>();
        for (SnapshotEndpoint e : endpoints) {
            map.put(e.address(), e.state);
        }
        this.byAddress = Map.copyOf(map);
    }

    /**
     * The snapshot of {@code source} (the directory's list, in its order): the members in rotation,
     * or all of them when none is, each with F from {@code weights} now.
     */
    static EndpointSnapshot of(List<ServiceInstance> source, Map<String, EndpointState> members,
                               EndpointWeights weights, String service, LoadBalancer balancer) {
        long nowMillis = weights.nowMillis();
        List<SnapshotEndpoint> rotation = new ArrayList<>(source.size());
        for (ServiceInstance i : source) {
            EndpointState s = members.get(i.address());
            if (s.inRotation()) {
                rotation.add(new SnapshotEndpoint(s, weights.weightOf(s, nowMillis)));
            }
        }
        if (rotation.isEmpty()) { // panic: better to try unhealthy instances than to fail every call
            for (ServiceInstance i : source) {
                EndpointState s = members.get(i.address());
                rotation.add(new SnapshotEndpoint(s, weights.weightOf(s, nowMillis)));
            }
        }
        return new EndpointSnapshot(source, List.copyOf(rotation), service, balancer);
    }

    /** The directory list this snapshot was built from (compared by identity). */
    List<ServiceInstance> source() {
        return source;
    }

    List<SnapshotEndpoint> endpoints() {
        return endpoints;
    }

    /** Whether who is in rotation among {@code members} differs from this snapshot (panic stays panic). */
    boolean rotationChanged(Collection<EndpointState> members) {
        int inRotation = 0;
        for (EndpointState e : members) {
            if (e.inRotation()) {
                inRotation++;
            }
        }
        if (inRotation == 0) {
            return false;
        }
        if (inRotation != endpoints.size()) {
            return true;
        }
        for (SnapshotEndpoint e : endpoints) {
            if (!e.state.inRotation()) {
                return true;
            }
        }
        return false;
    }

    /** The instance for {@code call}, avoiding {@code excluded}; null when none is left. */
    EndpointState pick(OutgoingCall call, List<EndpointState> excluded) {
        if (picker == null) {
            return null;
        }
        RouteDecision route = call.route();
        boolean excludes = excluded != null && !excluded.isEmpty();
        if (route.restrictsPick()) {
            LoadBalancer.Picker p = excludes
                    ? routedPicker(route.subset(), route.balancer(), route.subsetRequired(), excluded)
                    : routedPicker(route);
            return p == null ? null : stateOf(p.pick(call));
        }
        if (!excludes) {
            return stateOf(picker.pick(call));
        }
        List<Endpoint> remaining = new ArrayList<>(endpoints.size());
        for (SnapshotEndpoint e : endpoints) {
            if (!excluded.contains(e.state)) {
                remaining.add(e);
            }
        }
        return remaining.isEmpty() ? null : stateOf(pickerOf(List.copyOf(remaining), balancer).pick(call));
    }

    /** Up to {@code max} distinct instances, the balancer's choice first; for forking and broadcast. */
    List<EndpointState> pickMany(OutgoingCall call, int max) {
        List<EndpointState> out = new ArrayList<>(Math.min(max, endpoints.size()));
        if (picker == null) {
            return out;
        }
        List<? extends Endpoint> candidates = endpoints;
        LoadBalancer.Picker p = picker;
        RouteDecision route = call.route();
        if (route.restrictsPick()) {
            candidates = candidates(route.subset(), route.subsetRequired(), null);
            p = routedPicker(route);
            if (p == null) {
                return out;
            }
        }
        EndpointState first = stateOf(p.pick(call));
        if (first != null) {
            out.add(first);
        }
        int n = candidates.size();
        int start = ThreadLocalRandom.current().nextInt(n);
        for (int i = 0; i < n && out.size() < max; i++) {
            EndpointState e = ((SnapshotEndpoint) candidates.get((start + i) % n)).state;
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private EndpointState stateOf(Endpoint e) {
        if (e == null) {
            return null;
        }
        return e instanceof SnapshotEndpoint se ? se.state : byAddress.get(e.address());
    }

    /** The cached picker for a routed call without exclusions; null when the route leaves no instance. */
    private LoadBalancer.Picker routedPicker(RouteDecision route) {
        RouteKey key = new RouteKey(route.subset(), route.balancer(), route.subsetRequired());
        LoadBalancer.Picker p = routed.get(key);
        if (p == null) {
            p = routedPicker(key.subset, key.balancer, key.required, null);
            if (p != null) {
                routed.put(key, p);
            }
        }
        return p;
    }

    /** A picker over the routed candidates not in {@code excluded}; null when there is none. */
    private LoadBalancer.Picker routedPicker(Map<String, String> subset, LoadBalancer routeBalancer, boolean required,
                                             List<EndpointState> excluded) {
        List<Endpoint> candidates = candidates(subset, required, excluded);
        if (candidates.isEmpty()) {
            return null;
        }
        if (routeBalancer != null) {
            try {
                return routeBalancer.picker(candidates);
            } catch (RuntimeException e) {
                log.error("the routing rule's load balancer failed to build a picker; using the reference's", e);
            }
        }
        return pickerOf(candidates, balancer);
    }

    /**
     * Endpoints whose tags hold every {@code subset} entry and that were not tried yet; with none
     * and a fallback to all, every endpoint not tried yet.
     */
    private List<Endpoint> candidates(Map<String, String> subset, boolean required, List<EndpointState> excluded) {
        List<Endpoint> out = new ArrayList<>(endpoints.size());
        for (SnapshotEndpoint e : endpoints) {
            if ((excluded == null || !excluded.contains(e.state)) && RouteSelector.hasTags(e.state.instance, subset)) {
                out.add(e);
            }
        }
        if (out.isEmpty() && subset != null && !required) {
            return candidates(null, false, excluded);
        }
        return List.copyOf(out);
    }

    /** The reference balancer's picker over {@code list}; at random if the balancer fails. */
    private LoadBalancer.Picker pickerOf(List<Endpoint> list, LoadBalancer lb) {
        try {
            return lb.picker(list);
        } catch (RuntimeException e) {
            log.error("load balancer of {} failed to build a picker; choosing at random", service, e);
            return call -> list.get(ThreadLocalRandom.current().nextInt(list.size()));
        }
    }
}
