package io.weft.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.weft.rule.RuleKind;
import io.weft.rule.ThrottlingRule;
import org.junit.jupiter.api.Test;

class LimitRatesTest {
    private static ThrottlingRule.Limit limit(String json) {
        return ((ThrottlingRule) RuleCodec.parse(RuleKind.THROTTLING, "{\"limits\":[{\"side\":\"provider\"," + json.substring(1) + "]}")).limits().get(0);
    }

    @Test
    void aRateOneAndAHalfTimesTheLimitHasAThirdRefused() {
        assertThat(LimitRates.refusedAtRate(100, 150)).isCloseTo(1 / 3.0, within(1e-9));
    }

    @Test
    void aRateAtOrUnderTheLimitOrNoTrafficRefusesNothing() {
        assertThat(LimitRates.refusedAtRate(100, 100)).isZero();
        assertThat(LimitRates.refusedAtRate(100, 40)).isZero();
        assertThat(LimitRates.refusedAtRate(100, 0)).isZero();
        assertThat(LimitRates.refusedAtRate(100, Double.NaN)).isZero();
    }

    @Test
    void aZeroLimitRefusesEveryCall() {
        assertThat(LimitRates.refusedAtRate(0, 5)).isEqualTo(1.0);
    }

    @Test
    void concurrencyOverTheLimitRefusesTheShareThatDoesNotFit() {
        assertThat(LimitRates.refusedAtConcurrency(64, 80)).isCloseTo(0.2, within(1e-9));
        assertThat(LimitRates.refusedAtConcurrency(64, 64)).isZero();
        assertThat(LimitRates.refusedAtConcurrency(64, 3)).isZero();
    }

    @Test
    void clusterScopeDividesAmongLiveProvidersAndInstanceScopeDoesNotAsk() {
        assertThat(LimitRates.sharers(limit("{\"qps\":90,\"scope\":\"cluster\"}"), () -> 3)).isEqualTo(3);
        assertThat(LimitRates.sharers(limit("{\"qps\":90,\"scope\":\"cluster\"}"), () -> 0)).isEqualTo(1);
        assertThat(LimitRates.sharers(limit("{\"qps\":90}"), () -> {
            throw new AssertionError("asked for the providers of an instance-scope limit");
        })).isEqualTo(1);
    }

    @Test
    void capacityIsTheBurstOrTheRateButAtLeastOne() {
        assertThat(LimitRates.capacity(limit("{\"qps\":500,\"burst\":50}"))).isEqualTo(50);
        assertThat(LimitRates.capacity(limit("{\"qps\":500}"))).isEqualTo(500);
        assertThat(LimitRates.capacity(limit("{\"qps\":0.5}"))).isEqualTo(1);
    }
}
