package io.weft.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.rule.RoutingRule;
import io.weft.rule.RuleKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteSelectorTest {
    private static final ServiceInstance STABLE_1 = instance(20881, "stable");
    private static final ServiceInstance STABLE_2 = instance(20882, "stable");
    private static final ServiceInstance CANARY = instance(20883, "canary");
    private static final List<ServiceInstance> ALL = List.of(STABLE_1, STABLE_2, CANARY);

    private static ServiceInstance instance(int port, String env) {
        return ServiceInstance.provider("io.weft.demo.Greeter", "greeter", "127.0.0.1", port)
                .withTags(Map.of("env", env, "zone", "z1"));
    }

    private static RoutingRule rule(String json) {
        return (RoutingRule) RuleCodec.parse(RuleKind.ROUTING, json);
    }

    private static final RoutingRule CANARY_SPLIT = rule("""
            {"routes":[
               {"name":"beta","match":{"metadata":{"tier":"beta"}},
                "destinations":[{"subset":{"env":"canary"},"weight":100}]},
               {"name":"default",
                "destinations":[{"subset":{"env":"stable"},"weight":90},{"subset":{"env":"canary"},"weight":10}]}]}""");

    @Test
    void firstMatchingRouteWins() {
        RouteSelector.Decision beta = RouteSelector.select(CANARY_SPLIT, "greet", "web", Map.of("tier", "beta"), ALL);
        assertThat(beta.route().name()).isEqualTo("beta");
        assertThat(beta.instancesOf(ALL)).containsExactly(CANARY);
    }

    @Test
    void weightedSplitHoldsWithinAFewPercentOverTenThousandCalls() {
        int canary = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            List<ServiceInstance> chosen = RouteSelector.select(CANARY_SPLIT, "greet", "web", Map.of(), ALL).instancesOf(ALL);
            if (chosen.equals(List.of(CANARY))) {
                canary++;
            } else {
                assertThat(chosen).containsExactly(STABLE_1, STABLE_2);
            }
        }
        assertThat(canary / (double) n).isBetween(0.08, 0.12);
    }

    @Test
    void emptySubsetFallsBackToAllOrFailsAsTheRuleSays() {
        RoutingRule toBlue = rule("{\"routes\":[{\"destinations\":[{\"subset\":{\"env\":\"blue\"},\"weight\":100}]}]}");
        assertThat(RouteSelector.select(toBlue, "greet", null, Map.of(), ALL).instancesOf(ALL)).isEqualTo(ALL);
        RoutingRule strict = rule("{\"routes\":[{\"name\":\"b\",\"destinations\":[{\"subset\":{\"env\":\"blue\"},"
                + "\"weight\":100}]}],\"fallback\":\"fail\"}");
        assertThatThrownBy(() -> RouteSelector.select(strict, "greet", null, Map.of(), ALL))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("{env=blue}").contains("'b'");
                });
    }

    @Test
    void noMatchingRouteMeansNoRouting() {
        RoutingRule onlyBatch = rule("{\"routes\":[{\"match\":{\"consumerApps\":[\"batch\"]},"
                + "\"destinations\":[{\"subset\":{\"env\":\"canary\"},\"weight\":100}]}]}");
        RouteSelector.Decision d = RouteSelector.select(onlyBatch, "greet", "web", new HashMap<>(), ALL);
        assertThat(d.route()).isNull();
        assertThat(d.instancesOf(ALL)).isEqualTo(ALL);
    }

    @Test
    void decideGivesEachDestinationOfARouteTheShareOfItsWeightAndItsSubsetsInstances() {
        RoutingRule.Route split = CANARY_SPLIT.routes().get(1);
        assertThat(RouteSelector.routeOf(CANARY_SPLIT, "greet", "web", Map.of())).isSameAs(split);
        assertThat(RouteSelector.shareOf(split, split.destinations().get(0))).isEqualTo(0.9);
        assertThat(RouteSelector.shareOf(split, split.destinations().get(1))).isEqualTo(0.1);
        assertThat(RouteSelector.decide(CANARY_SPLIT, split, split.destinations().get(0), ALL).instancesOf(ALL))
                .containsExactly(STABLE_1, STABLE_2);
        assertThat(RouteSelector.decide(CANARY_SPLIT, split, split.destinations().get(1), ALL).instancesOf(ALL))
                .containsExactly(CANARY);
    }
}
