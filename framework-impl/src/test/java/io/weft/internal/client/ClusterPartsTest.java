package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ClusterStrategy;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.UnprocessedRequestException;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterPartsTest {

    @Test
    void retryBudgetAllowsTheFloorThenAShareOfCalls() {
        RetryBudget budget = new RetryBudget(20, 10);
        int allowed = 0;
        for (int i = 0; i < 1000; i++) {
            budget.onCall();
            if (budget.tryRetry()) {
                allowed++;
            }
        }
        // 1000 calls in one window: max(10/s × 10 s, 20 % × 1000) = 200
        assertThat(allowed).isBetween(195, 201);
        assertThat(budget.refused()).isEqualTo(1000 - allowed);
    }

    @Test
    void healthSamplesCountAnswersAsGoodAndTransportFailuresAsBad() {
        assertThat(EndpointState.sampleOf(null)).isEqualTo(1);
        assertThat(EndpointState.sampleOf(new RpcException(Status.UNKNOWN, "app error"))).isEqualTo(1);
        assertThat(EndpointState.sampleOf(new RpcException(Status.PERMISSION_DENIED, "no"))).isEqualTo(1);
        assertThat(EndpointState.sampleOf(new IllegalStateException("declared"))).isEqualTo(1);
        assertThat(EndpointState.sampleOf(new RpcException(Status.UNAVAILABLE, "down"))).isZero();
        assertThat(EndpointState.sampleOf(new RpcException(Status.DEADLINE_EXCEEDED, "slow"))).isZero();
        assertThat(EndpointState.sampleOf(new RpcException(Status.RESOURCE_EXHAUSTED, "throttled"))).isNaN();
        assertThat(EndpointState.sampleOf(new UnprocessedRequestException("refused"))).isZero();
        assertThat(EndpointState.sampleOf(new RpcException(Status.CANCELLED, "gave up"))).isNaN();
    }

    @Test
    void healthEwmaFallsBelowTheThresholdAfterSevenFailuresInARow() {
        EndpointState s = new EndpointState(io.weft.ServiceInstance.provider("svc", "", "h", 1));
        int failures = 0;
        while (s.health() >= 0.5) {
            s.record(0, 0.1);
            failures++;
        }
        assertThat(failures).isEqualTo(7);
    }

    @Test
    void ejectionPeriodDoublesUpToTheCeiling() {
        HealthSettings h = HealthSettings.from(WeftConfig.of(java.util.Map.of(
                "weft.health.base-ejection-ms", "1000", "weft.health.max-ejection-ms", "5000")));
        assertThat(h.ejectionPeriod(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(h.ejectionPeriod(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(h.ejectionPeriod(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(h.ejectionPeriod(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(h.ejectionPeriod(60)).isEqualTo(Duration.ofSeconds(5));
        assertThat(h.readmittedHealth()).isEqualTo(0.75);
    }

    @Test
    void warmupRampsFromFivePercentToFullWeight() {
        assertThat(EndpointWeights.warmupFactor(0, 1000, 30_000)).isEqualTo(1);
        assertThat(EndpointWeights.warmupFactor(1000, 1000, 30_000)).isEqualTo(0.05);
        assertThat(EndpointWeights.warmupFactor(1000, 16_000, 30_000)).isEqualTo(0.5);
        assertThat(EndpointWeights.warmupFactor(1000, 100_000, 30_000)).isEqualTo(1);
    }

    @Test
    void providerInternalErrorCountsAgainstItWhateverItsMessageSays() {
        // classified by type and status, never by message text
        assertThat(EndpointState.sampleOf(new RpcException(Status.INTERNAL, "cannot serialize result: x"))).isZero();
        assertThat(EndpointState.sampleOf(new RpcException(Status.INTERNAL, "boom"))).isZero();
    }

    @Test
    void argumentsTheConsumerCannotSerializeSayNothingAboutTheProviderAndAreNotRetried() {
        UnencodableRequestException local = new UnencodableRequestException("cannot serialize arguments", null);

        assertThat(EndpointState.sampleOf(local)).isNaN();
        assertThat(local.status()).isEqualTo(Status.INTERNAL);
        assertThat(CallPolicy.DEFAULT.mayRetry(local, 1)).isFalse();
    }

    @Test
    void aRequestThatNeverLeftIsAPublicUnavailableFailureSafeToRetry() {
        RpcException notSent = new UnprocessedRequestException("cannot connect");

        assertThat(notSent.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(EndpointState.sampleOf(notSent)).isZero();
        assertThat(CallPolicy.DEFAULT.mayRetry(notSent, 1)).isTrue(); // DEFAULT is not idempotent
    }

    @Test
    void failoverResendsOnlyIdempotentCallsButNeverSentOnesAlways() {
        CallPolicy plain = new CallPolicy(ClusterStrategy.FAILOVER, false, 2, Set.of(Status.UNAVAILABLE), 3, 2);
        CallPolicy idempotent = new CallPolicy(ClusterStrategy.FAILOVER, true, 2, Set.of(Status.UNAVAILABLE), 3, 2);
        RpcException unavailable = new RpcException(Status.UNAVAILABLE, "x");
        assertThat(plain.mayRetry(unavailable, 1)).isFalse();
        assertThat(plain.mayRetry(new UnprocessedRequestException("x"), 2)).isTrue();
        assertThat(plain.mayRetry(new UnprocessedRequestException("x"), 3)).isFalse();
        assertThat(idempotent.mayRetry(unavailable, 2)).isTrue();
        assertThat(idempotent.mayRetry(unavailable, 3)).isFalse();
        assertThat(idempotent.mayRetry(new RpcException(Status.INVALID_ARGUMENT, "x"), 1)).isFalse();
        CallPolicy failfast = new CallPolicy(ClusterStrategy.FAILFAST, true, 2, Set.of(Status.UNAVAILABLE), 3, 2);
        assertThat(failfast.mayRetry(new UnprocessedRequestException("x"), 1)).isFalse();
    }

    @Test
    void badClusterSettingsNameTheKey() {
        assertThatThrownBy(() -> ClientSettings.from(WeftConfig.of(java.util.Map.of("weft.client.cluster", "fastest"))))
                .isInstanceOf(WeftConfigException.class).hasMessageContaining("weft.client.cluster='fastest'");
        assertThatThrownBy(() -> ClientSettings.from(WeftConfig.of(java.util.Map.of("weft.health.alpha", "2"))))
                .isInstanceOf(WeftConfigException.class).hasMessageContaining("weft.health.alpha='2'");
    }
}
