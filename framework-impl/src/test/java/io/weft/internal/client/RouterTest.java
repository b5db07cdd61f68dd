package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.ClusterStrategy;
import io.weft.Deadline;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.internal.governance.RuleSnapshot;
import io.weft.rule.Match;
import io.weft.rule.RoutingRule;
import io.weft.rule.ThrottlingRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RouterTest {
    interface Api {
        String text();
    }

    private static final ThrottlingRule.CircuitBreaker BREAKER = new ThrottlingRule.CircuitBreaker(50, 10, 10, 5);
    private static final List<ServiceInstance> INSTANCES = List.of(
            instanceOf("10.0.0.1", "stable"), instanceOf("10.0.0.2", "canary"));

    private final AtomicReference<RuleSnapshot> rules = new AtomicReference<>();
    private final Router router = new Router(Api.class.getName(), "app", s -> rules.get(), Map.of());

    private static ServiceInstance instanceOf(String host, String env) {
        return new ServiceInstance(Api.class.getName(), host + ":1", "provider", host, 1, "weft/1",
                List.of("hessian2"), "1.0.0", 100, Map.of("env", env), List.of("text"), false, 0L, null, Map.of());
    }

    private static OutgoingCall call() throws Exception {
        ClientMethod method = new ClientMethod(Api.class.getName(), Api.class.getMethod("text"), false,
                Duration.ofSeconds(5), "app");
        return new OutgoingCall(method, new Object[0], Map.of(), null, Deadline.after(Duration.ofSeconds(5)));
    }

    private static RuleSnapshot snapshot(RoutingRule routing, ThrottlingRule throttling) {
        return new RuleSnapshot(routing, throttling, null, null, Map.of(), Map.of());
    }

    @Test
    void withoutRulesEveryCallGetsTheSharedEmptyDecision() throws Exception {
        assertThat(router.route(call(), INSTANCES)).isSameAs(RouteDecision.NONE);
        rules.set(RuleSnapshot.EMPTY);
        assertThat(router.route(call(), INSTANCES)).isSameAs(RouteDecision.NONE);
    }

    @Test
    void aThrottlingRuleAloneIsDecidedOncePerSnapshotNotPerCall() throws Exception {
        rules.set(snapshot(null, new ThrottlingRule(List.of(), BREAKER)));
        RouteDecision first = router.route(call(), INSTANCES);
        RouteDecision second = router.route(call(), INSTANCES);

        assertThat(first.breaker()).isEqualTo(BREAKER);
        assertThat(first.restrictsPick()).isFalse();
        assertThat(second).isSameAs(first);

        rules.set(snapshot(null, new ThrottlingRule(List.of(), null)));
        assertThat(router.route(call(), INSTANCES)).isSameAs(RouteDecision.NONE);
    }

    @Test
    void aRouteDecidesSubsetRetriesAndBreakerAndShortensOnlyTheDeadlineOfTheCall() throws Exception {
        RoutingRule.Route canary = new RoutingRule.Route("canary", Match.ANY,
                List.of(new RoutingRule.Destination(Map.of("env", "canary"), 100)), 200,
                new RoutingRule.Retries(1, Set.of(Status.UNAVAILABLE)));
        rules.set(snapshot(new RoutingRule(List.of(canary), RoutingRule.Fallback.FAIL, null, null),
                new ThrottlingRule(List.of(), BREAKER)));
        OutgoingCall call = call();

        RouteDecision d = router.route(call, INSTANCES);

        assertThat(d.subset()).isEqualTo(Map.of("env", "canary"));
        assertThat(d.subsetRequired()).isTrue();
        assertThat(d.breaker()).isEqualTo(BREAKER);
        assertThat(d.policy().strategy()).isEqualTo(ClusterStrategy.FAILOVER);
        assertThat(d.policy().retries()).isEqualTo(1);
        assertThat(call.policy()).isSameAs(call.method.policy); // not applied until the invoker hands it over
        assertThat(call.deadline().remaining(TimeUnit.MILLISECONDS)).isLessThanOrEqualTo(200);

        call.route(d);
        assertThat(call.policy()).isSameAs(d.policy());
    }
}
