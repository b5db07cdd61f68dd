package io.weft.console;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import io.weft.registry.support.ServiceHealth;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mesh as a graph, read from the registry on each call: consumer applications → services →
 * providers, from the consumer and provider nodes. A service → provider edge carries the calls/s the
 * provider last reported (0 when its status is missing or stale). Consumer nodes carry no status, so an
 * application → service edge carries the service's calls/s over all its providers; when several
 * applications call one service that total is theirs together ({@code shared}), as the providers cannot
 * tell the callers apart. Thread-safe; blocks on the registry.
 */
final class Topology {
    private final Registry registry;
    private final ServiceHealth health;

    Topology(Registry registry, Duration staleAfter, Clock clock) {
        this.registry = registry;
        this.health = new ServiceHealth(staleAfter, clock);
    }

    /** A node: {@code kind} is {@code application}, {@code service} or {@code provider}. */
    record Node(String id, String kind, String label, String service, String application, Double health,
                boolean degraded) {}

    /** A directed edge with the calls/s on it; {@code shared}: the service's total, shared by its callers. */
    record Edge(String from, String to, double callsPerSecond, boolean shared) {}

    /** The graph; nodes in column order (applications, services, providers), each column sorted. */
    record Graph(List<Node> nodes, List<Edge> edges) {}

    Graph graph() {
        Map<String, Node> applications = new TreeMap<>();
        List<Node> services = new ArrayList<>();
        List<Node> providers = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (String service : registry.services()) {
            List<ServiceInstance> serving;
            List<ServiceInstance> calling;
            try {
                serving = registry.list(service, InstanceRole.PROVIDER);
                calling = registry.list(service, InstanceRole.CONSUMER);
            } catch (IllegalArgumentException e) {
                continue; // an entry the layout does not allow: the services page shows why
            }
            String serviceId = "service:" + service;
            Double average = health.average(serving);
            services.add(new Node(serviceId, "service", service, service, null, average,
                    ServiceHealth.isDegraded(average)));
            double total = 0;
            for (ServiceInstance p : serving) {
                String id = "provider:" + service + "/" + p.instanceId();
                double calls = callsPerSecond(p.status());
                total += calls;
                providers.add(new Node(id, "provider", p.instanceId(), service, p.application(), health.health(p),
                        false));
                edges.add(new Edge(serviceId, id, calls, false));
            }
            List<String> callers = calling.stream().map(c -> appOf(c)).distinct().sorted().toList();
            for (String app : callers) {
                String appId = "application:" + app;
                applications.computeIfAbsent(appId, k -> new Node(k, "application", app, null, app, null, false));
                edges.add(new Edge(appId, serviceId, total, callers.size() > 1));
            }
        }
        List<Node> nodes = new ArrayList<>(applications.values());
        nodes.addAll(services);
        nodes.addAll(providers);
        return new Graph(nodes, edges);
    }

    private double callsPerSecond(InstanceStatus status) {
        return health.isStale(status) || !Double.isFinite(status.qps()) ? 0 : status.qps();
    }

    private static String appOf(ServiceInstance consumer) {
        String app = consumer.application();
        return app == null || app.isEmpty() ? "(no application)" : app;
    }
}
