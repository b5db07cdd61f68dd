package io.weft.console;

import static io.weft.console.PreviewFixtures.provider;
import static io.weft.console.PreviewFixtures.rule;
import static io.weft.console.PreviewFixtures.standings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.weft.ServiceInstance;
import io.weft.rule.RoutingRule;
import io.weft.rule.RuleKind;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoutingPreviewTest {
    private static final RoutingRule CANARY = rule(RuleKind.ROUTING, """
            {"routes":[{"name":"canary-v2","destinations":[{"subset":{"version":"v1"},"weight":90},
                                                           {"subset":{"version":"v2"},"weight":10}]}]}""");

    private static Map<String, Double> shares(RoutingPreview.RouteView route) {
        return route.shares().stream().collect(Collectors.toMap(RoutingPreview.Share::instanceId,
                RoutingPreview.Share::share));
    }

    private static RoutingPreview.Result preview(RoutingRule rule, List<ServiceInstance> providers) {
        return RoutingPreview.of(rule, providers, standings(providers));
    }

    @Test
    void aNinetyTenCanarySendsTenPercentToTheV2InstanceAndSplitsNinetyAmongV1ByWeight() {
        List<ServiceInstance> providers = List.of(provider(1, "v1", 100, 1, 5, 0), provider(2, "v1", 200, 1, 5, 0),
                provider(3, "v2", 100, 1, 5, 0));
        RoutingPreview.RouteView route = preview(CANARY, providers).routes().get(0);
        Map<String, Double> shares = shares(route);
        assertThat(shares.get("127.0.0.1:3")).isCloseTo(0.10, within(1e-9));
        assertThat(shares.get("127.0.0.1:1")).isCloseTo(0.30, within(1e-9));
        assertThat(shares.get("127.0.0.1:2")).isCloseTo(0.60, within(1e-9));
        assertThat(route.destinations()).extracting(RoutingPreview.DestinationView::share).containsExactly(0.9, 0.1);
        assertThat(route.destinations().get(1).instances()).containsExactly("127.0.0.1:3");
        assertThat(route.failing()).isZero();
    }

    @Test
    void healthScalesAnInstancesShareWithinItsSubset() {
        List<ServiceInstance> providers = List.of(provider(1, "v1", 100, 1.0, 5, 0), provider(2, "v1", 100, 0.6, 5, 0),
                provider(3, "v2", 100, 1, 5, 0));
        Map<String, Double> shares = shares(preview(CANARY, providers).routes().get(0));
        assertThat(shares.get("127.0.0.1:1")).isCloseTo(0.9 * 1.0 / 1.6, within(1e-9));
        assertThat(shares.get("127.0.0.1:2")).isCloseTo(0.9 * 0.6 / 1.6, within(1e-9));
    }

    @Test
    void anUnhealthyOnlyCanaryGetsNothingAndItsShareFallsBackToTheInstancesInRotation() {
        List<ServiceInstance> providers = List.of(provider(1, "v1", 100, 1, 5, 0), provider(3, "v2", 100, 0.2, 5, 0));
        RoutingPreview.RouteView route = preview(CANARY, providers).routes().get(0);
        assertThat(shares(route).get("127.0.0.1:3")).isZero();
        assertThat(shares(route).get("127.0.0.1:1")).isCloseTo(1.0, within(1e-9));
        assertThat(route.shares().get(1).state()).isEqualTo(InstanceStanding.UNHEALTHY);
        assertThat(route.destinations().get(1).outcome()).contains("out of rotation").contains("fallback to all");
    }

    @Test
    void aSubsetNoInstanceHasFailsItsShareUnderFallbackFailAndGoesToAllUnderFallbackAll() {
        List<ServiceInstance> providers = List.of(provider(1, "v1", 100, 1, 5, 0));
        RoutingPreview.RouteView strict = preview(rule(RuleKind.ROUTING, """
                {"routes":[{"destinations":[{"subset":{"version":"v1"},"weight":75},
                                            {"subset":{"version":"v3"},"weight":25}]}],"fallback":"fail"}"""),
                providers).routes().get(0);
        assertThat(strict.failing()).isCloseTo(0.25, within(1e-9));
        assertThat(shares(strict).get("127.0.0.1:1")).isCloseTo(0.75, within(1e-9));
        RoutingPreview.RouteView lenient = preview(rule(RuleKind.ROUTING, """
                {"routes":[{"destinations":[{"subset":{"version":"v1"},"weight":75},
                                            {"subset":{"version":"v3"},"weight":25}]}]}"""), providers).routes().get(0);
        assertThat(lenient.failing()).isZero();
        assertThat(shares(lenient).get("127.0.0.1:1")).isCloseTo(1.0, within(1e-9));
        assertThat(lenient.destinations().get(1).outcome()).contains("fallback to all instances");
    }

    @Test
    void callsNoRouteMatchesAreShownUnroutedAndARouteAfterACatchAllIsNeverReached() {
        List<ServiceInstance> providers = List.of(provider(1, "v1", 100, 1, 5, 0), provider(3, "v2", 300, 1, 5, 0));
        RoutingPreview.Result beta = preview(rule(RuleKind.ROUTING, """
                {"routes":[{"name":"beta","match":{"metadata":{"tier":"beta"}},
                            "destinations":[{"subset":{"version":"v2"},"weight":100}]}]}"""), providers);
        assertThat(beta.routes().get(0).when()).isEqualTo("metadata tier=beta");
        assertThat(shares(beta.unmatched()).get("127.0.0.1:1")).isCloseTo(0.25, within(1e-9));
        assertThat(shares(beta.unmatched()).get("127.0.0.1:3")).isCloseTo(0.75, within(1e-9));

        RoutingPreview.Result shadowed = preview(rule(RuleKind.ROUTING, """
                {"routes":[{"name":"all","destinations":[{"subset":{"version":"v1"},"weight":100}]},
                           {"name":"late","match":{"methods":["greet"]},
                            "destinations":[{"subset":{"version":"v2"},"weight":100}]}]}"""), providers);
        assertThat(shadowed.unmatched()).isNull();
        assertThat(shadowed.routes().get(1).reached()).isFalse();
        assertThat(shadowed.routes().get(1).notes()).containsExactly("never reached: route 'all' before it matches every call");
    }

    @Test
    void withNoInstanceInRotationTheConsumersPanicAndPickByWeight() {
        List<ServiceInstance> providers = List.of(PreviewFixtures.withoutStatus(1, "v1"), PreviewFixtures.withoutStatus(2, "v1"),
                PreviewFixtures.withoutStatus(3, "v2"));
        RoutingPreview.Result result = preview(CANARY, providers);
        Map<String, Double> shares = shares(result.routes().get(0));
        assertThat(shares.get("127.0.0.1:1")).isCloseTo(0.45, within(1e-9));
        assertThat(shares.get("127.0.0.1:3")).isCloseTo(0.10, within(1e-9));
        assertThat(result.instances()).extracting(InstanceStanding::state).containsOnly(InstanceStanding.STALE);
        assertThat(result.notes()).anyMatch(n -> n.contains("no provider is in rotation"));
    }
}
