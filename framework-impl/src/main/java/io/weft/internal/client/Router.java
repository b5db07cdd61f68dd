package io.weft.internal.client;

import io.weft.Deadline;
import io.weft.ReferenceOptions;
import io.weft.ServiceInstance;
import io.weft.internal.governance.RuleSnapshot;
import io.weft.rule.RoutingRule;
import io.weft.rule.ThrottlingRule;
import io.weft.rules.RouteSelector;
import io.weft.spi.LoadBalancer;
import io.weft.spi.LoadBalancerProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Applies the routing rule in force to a call before the cluster strategy runs (DESIGN §2:
 * filters → router → cluster → balancer) and returns an immutable {@link RouteDecision}: the
 * chosen destination's tag subset, the route's retries, the rule's load balancer, and the
 * throttling rule's circuit breaker settings for the endpoint group. The one thing it changes on
 * the call is its deadline, shortened to the route's timeout. Without rules the decision is
 * {@link RouteDecision#NONE}.
 */
final class Router {
    private final String service;
    private final String application;
    private final Function<String, RuleSnapshot> rules;
    private final Map<String, LoadBalancerProvider> balancers;
    private final Map<String, LoadBalancer> ruleBalancers = new ConcurrentHashMap<>();
    private volatile Unrouted unrouted = new Unrouted(null, RouteDecision.NONE);

    private record Unrouted(RuleSnapshot snapshot, RouteDecision decision) {}

    Router(String service, String application, Function<String, RuleSnapshot> rules,
           Map<String, LoadBalancerProvider> balancers) {
        this.service = service;
        this.application = application;
        this.rules = rules;
        this.balancers = balancers;
    }

    /**
     * Routes {@code call} over {@code instances} (the directory's snapshot): the decision, and the
     * call's deadline shortened to the route's timeout. Allocates nothing without rules or with a
     * throttling rule only; a routing rule costs one decision per call.
     *
     * @throws io.weft.RpcException {@code UNAVAILABLE} when the rule's fallback is {@code fail} and
     *     the chosen subset has no instance
     */
    RouteDecision route(OutgoingCall call, List<ServiceInstance> instances) {
        RuleSnapshot snapshot = rules.apply(service);
        if (snapshot == null) {
            return RouteDecision.NONE;
        }
        RoutingRule rule = snapshot.routing();
        if (rule == null) {
            return unrouted(snapshot);
        }
        ThrottlingRule.CircuitBreaker breaker = snapshot.throttling() == null
                ? null : snapshot.throttling().circuitBreaker();
        RouteSelector.Decision d = RouteSelector.select(rule, call.method.name(), application,
                call.metadataToSend(), instances);
        LoadBalancer balancer = rule.loadBalancer() == null ? null : balancer(rule.loadBalancer(), rule.hashKey());
        boolean required = rule.fallback() == RoutingRule.Fallback.FAIL;
        RoutingRule.Route route = d.route();
        CallPolicy policy = null;
        if (route != null) {
            if (route.timeoutMs() != null) {
                call.restrictDeadline(Deadline.after(Duration.ofMillis(route.timeoutMs())));
            }
            if (route.retries() != null) {
                CallPolicy p = call.method.policy;
                // Retries named by an operator's rule apply whether or not the method is marked idempotent.
                policy = new CallPolicy(io.weft.ClusterStrategy.FAILOVER, true, route.retries().attempts(),
                        route.retries().on(), p.notSentAttempts(), p.forks());
            }
        }
        return new RouteDecision(d.subset(), required, balancer, breaker, policy);
    }

    /** The decision of every call under a snapshot without a routing rule, made once per snapshot. */
    private RouteDecision unrouted(RuleSnapshot snapshot) {
        Unrouted u = unrouted;
        if (u.snapshot != snapshot) {
            ThrottlingRule.CircuitBreaker breaker = snapshot.throttling() == null
                    ? null : snapshot.throttling().circuitBreaker();
            u = new Unrouted(snapshot, breaker == null ? RouteDecision.NONE
                    : new RouteDecision(null, false, null, breaker, null));
            unrouted = u;
        }
        return u.decision;
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
