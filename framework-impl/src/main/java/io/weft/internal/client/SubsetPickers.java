package io.weft.internal.client;

import io.weft.internal.governance.RouteSelector;
import io.weft.spi.Endpoint;
import io.weft.spi.LoadBalancer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pickers for routed calls: over the endpoints of a snapshot whose tags hold a route's subset,
 * with the routing rule's balancer when it names one. Built once per snapshot and route and cached
 * until the snapshot changes; calls that exclude instances (retries) get a fresh picker.
 */
final class SubsetPickers {
    private static final Logger log = LoggerFactory.getLogger(SubsetPickers.class);

    /** What a routed call's picker depends on besides the snapshot. */
    private record Key(Map<String, String> subset, LoadBalancer balancer, boolean required) {}

    /** The pickers built for one snapshot. */
    private record Cache(EndpointGroup.Snapshot snapshot, Map<Key, LoadBalancer.Picker> pickers) {}

    private final Function<List<Endpoint>, LoadBalancer.Picker> defaultPicker;
    private volatile Cache cache = new Cache(null, new ConcurrentHashMap<>());

    /** @param defaultPicker the reference's own balancer, for routes that don't name one */
    SubsetPickers(Function<List<Endpoint>, LoadBalancer.Picker> defaultPicker) {
        this.defaultPicker = defaultPicker;
    }

    /** The cached picker for a routed call without exclusions; null when the route leaves no instance. */
    LoadBalancer.Picker picker(EndpointGroup.Snapshot s, RouteDecision route) {
        Cache c = cache;
        if (c.snapshot != s) {
            c = new Cache(s, new ConcurrentHashMap<>());
            cache = c;
        }
        Key key = new Key(route.subset(), route.balancer(), route.subsetRequired());
        LoadBalancer.Picker p = c.pickers.get(key);
        if (p == null) {
            p = build(s, key.subset, key.balancer, key.required, null);
            if (p != null) {
                c.pickers.put(key, p);
            }
        }
        return p;
    }

    /** A picker over the routed candidates not in {@code excluded}; null when there is none. */
    LoadBalancer.Picker build(EndpointGroup.Snapshot s, Map<String, String> subset, LoadBalancer balancer,
                              boolean required, List<EndpointState> excluded) {
        List<Endpoint> candidates = candidates(s, subset, required, excluded);
        if (candidates.isEmpty()) {
            return null;
        }
        if (balancer == null) {
            return defaultPicker.apply(candidates);
        }
        try {
            return balancer.picker(candidates);
        } catch (RuntimeException e) {
            log.error("the routing rule's load balancer failed to build a picker; using the reference's", e);
            return defaultPicker.apply(candidates);
        }
    }

    /**
     * Endpoints in rotation whose tags hold every {@code subset} entry and that were not tried yet;
     * with none and a fallback to all, every endpoint not tried yet.
     */
    static List<Endpoint> candidates(EndpointGroup.Snapshot s, Map<String, String> subset, boolean required,
                                     List<EndpointState> excluded) {
        List<Endpoint> out = new ArrayList<>(s.endpoints().size());
        for (SnapshotEndpoint e : s.endpoints()) {
            if ((excluded == null || !excluded.contains(e.state)) && RouteSelector.hasTags(e.state.instance, subset)) {
                out.add(e);
            }
        }
        if (out.isEmpty() && subset != null && !required) {
            return candidates(s, null, false, excluded);
        }
        return List.copyOf(out);
    }
}
