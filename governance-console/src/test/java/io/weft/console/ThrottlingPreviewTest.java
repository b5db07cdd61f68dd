package io.weft.console;

import static io.weft.console.PreviewFixtures.provider;
import static io.weft.console.PreviewFixtures.rule;
import static io.weft.console.PreviewFixtures.standings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.weft.ServiceInstance;
import io.weft.rule.RuleKind;
import io.weft.rule.ThrottlingRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottlingPreviewTest {
    private static ThrottlingPreview.Result preview(String json, List<ServiceInstance> providers, int consumers) {
        ThrottlingRule rule = rule(RuleKind.THROTTLING, json);
        return ThrottlingPreview.of(rule, List.copyOf(standings(providers).values()), consumers);
    }

    @Test
    void aHundredPerSecondLimitRefusesAThirdOfOneHundredFiftyCallsPerSecond() {
        ThrottlingPreview.LimitView limit = preview("""
                {"limits":[{"name":"greet-qps","side":"provider","qps":100}]}""",
                List.of(provider(1, "v1", 100, 1, 150, 0)), 1).limits().get(0);
        assertThat(limit.refusedShare()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(limit.refusedRate()).isCloseTo(50, within(1e-9));
        assertThat(limit.verdict()).isEqualTo("would refuse ~33 % of calls (50 of 150 calls/s)");
    }

    @Test
    void anInstanceScopeLimitCountsEachProviderOnItsOwn() {
        ThrottlingPreview.LimitView limit = preview("""
                {"limits":[{"side":"provider","qps":100}]}""",
                List.of(provider(1, "v1", 100, 1, 150, 0), provider(2, "v1", 100, 1, 50, 0)), 1).limits().get(0);
        assertThat(limit.refusedRate()).isCloseTo(50, within(1e-9));
        assertThat(limit.refusedShare()).isCloseTo(50 / 200.0, within(1e-9));
        assertThat(limit.perEnforcer().get(0).refusedShare()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(limit.perEnforcer().get(1).refusedShare()).isZero();
    }

    @Test
    void aClusterScopeLimitIsSharedAmongTheLiveProviders() {
        ThrottlingPreview.LimitView limit = preview("""
                {"limits":[{"side":"provider","qps":100,"scope":"cluster"}]}""",
                List.of(provider(1, "v1", 100, 1, 75, 0), provider(2, "v1", 100, 1, 75, 0)), 1).limits().get(0);
        assertThat(limit.allowedRatePerEnforcer()).isEqualTo(50.0);
        assertThat(limit.refusedShare()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(limit.notes()).anyMatch(n -> n.contains("shared by 2 live providers"));
    }

    @Test
    void withoutTrafficThereIsNothingToJudgeByRatherThanZeroRefused() {
        ThrottlingPreview.Result result = preview("""
                {"limits":[{"side":"provider","qps":1}]}""", List.of(provider(1, "v1", 100, 1, 0, 0)), 1);
        assertThat(result.traffic()).isFalse();
        assertThat(result.limits().get(0).refusedShare()).isNull();
        assertThat(result.limits().get(0).verdict()).isEqualTo("no current traffic to judge by");
        assertThat(result.notes()).containsExactly("no current traffic to judge by: the providers report 0 calls/s");
    }

    @Test
    void aConcurrencyLimitUnderTheCallsInFlightRefusesTheShareThatDoesNotFit() {
        ThrottlingPreview.LimitView limit = preview("""
                {"limits":[{"side":"provider","maxConcurrent":8}]}""",
                List.of(provider(1, "v1", 100, 1, 40, 10)), 1).limits().get(0);
        assertThat(limit.refusedShare()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void aConsumerLimitAssumesTheConsumersShareTheObservedRateEvenly() {
        ThrottlingPreview.LimitView limit = preview("""
                {"limits":[{"side":"consumer","qps":30}]}""", List.of(provider(1, "v1", 100, 1, 120, 0)), 2)
                .limits().get(0);
        assertThat(limit.perEnforcer().get(0).rate()).isEqualTo(60.0);
        assertThat(limit.refusedShare()).isCloseTo(0.5, within(1e-9));
        assertThat(limit.notes()).anyMatch(n -> n.contains("assumes the 2 consumer instances"));
    }

    @Test
    void aLimitOnSomeMethodsSaysItsShareIsAnUpperBoundAndOneOnSomeInstancesCountsOnlyThose() {
        ThrottlingPreview.LimitView limit = preview("""
                {"limits":[{"side":"provider","match":{"methods":["greet"],"instances":["127.0.0.1:2"]},"qps":10}]}""",
                List.of(provider(1, "v1", 100, 1, 100, 0), provider(2, "v1", 100, 1, 20, 0)), 1).limits().get(0);
        assertThat(limit.enforcers()).isEqualTo(1);
        assertThat(limit.offeredRate()).isEqualTo(20.0);
        assertThat(limit.refusedShare()).isCloseTo(0.5, within(1e-9));
        assertThat(limit.notes()).anyMatch(n -> n.startsWith("counts only calls where method in [greet];"));
    }
}
