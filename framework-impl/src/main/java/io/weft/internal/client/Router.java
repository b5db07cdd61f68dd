package io.weft.internal.client;

import io.weft.Deadline;
import io.weft.ReferenceOptions;
import io.weft.ServiceInstance;
import io.weft.internal.governance.RouteSelector;
import io.weft.internal.governance.RuleSnapshot;
import io.weft.rule.RoutingRule;
import io.weft.spi.LoadBalancer;
import io.weft.spi.LoadBalancerProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Applies the routing rule in force to a call before the cluster strategy runs (DESIGN §2:
 * filters → router → cluster → balancer): restricts the instances to the chosen destination's tag
 * subset, shortens the deadline to the route's timeout, replaces retries with the route's, and
 * swaps in the rule's load balancer. Also hands the throttling rule's circuit breaker settings to
 * the endpoint group. Without rules it does nothing.
 */
final class Router {
    private final String service;
    private final String application;
    private final Function<String, RuleSnapshot> rules;
    private final Map<String, LoadBalancerProvider> balancers;
    private final Map<String, LoadBalancer> ruleBalancers = new ConcurrentHashMap<>();

    Router(String service, String application, Function<String, RuleSnapshot> rules,
           Map<String, LoadBalancerProvider> balancers) {
        this.service = service;
        this.application = application;
        this.rules = rules;
        this.balancers = balancers;
    }

    /**
     * Routes {@code call} over {@code instances} (the directory's snapshot).
     *
     * @throws io.weft.RpcException {@code UNAVAILABLE} when the rule's fallback is {@code fail} and
     *     the chosen subset has no instance
     */
    void route(OutgoingCall call, List<ServiceInstance> instances) {
        RuleSnapshot snapshot = rules.apply(service);
        if (snapshot == null) {
            return;
        }
        if (snapshot.throttling() != null) {
            call.breakerRule = snapshot.throttling().circuitBreaker();
        }
        RoutingRule rule = snapshot.routing();
        if (rule == null) {
            return;
        }
        RouteSelector.Decision d = RouteSelector.select(rule, call.method.name(), application,
                call.metadataToSend(), instances);
        call.subset = d.subset();
        call.subsetRequired = rule.fallback() == RoutingRule.Fallback.FAIL;
        if (rule.loadBalancer() != null) {
            call.ruleBalancer = balancer(rule.loadBalancer(), rule.hashKey());
        }
        RoutingRule.Route route = d.route();
        if (route == null) {
            return;
        }
        if (route.timeoutMs() != null) {
            call.restrictDeadline(Deadline.after(Duration.ofMillis(route.timeoutMs())));
        }
        if (route.retries() != null) {
            CallPolicy p = call.method.policy;
            // Retries named by an operator's rule apply whether or not the method is marked idempotent.
            call.routePolicy(new CallPolicy(io.weft.ClusterStrategy.FAILOVER, true, route.retries().attempts(),
                    route.retries().on(), p.notSentAttempts(), p.forks()));
        }
    }

    private LoadBalancer balancer(String name, String hashKey) {
        String key = name + "|" + hashKey;
        return ruleBalancers.computeIfAbsent(key, k -> {
            LoadBalancerProvider provider = balancers.get(name);
            if (provider == null) {
                return null; // the validator only admits built-in names, which are always present
            }
            ReferenceOptions.Builder options = ReferenceOptions.builder();
            if (hashKey != null) {
                options.hashKey(hashKey.startsWith("arg:") ? "argument" : hashKey);
            }
            return provider.create(options.build());
        });
    }
}
