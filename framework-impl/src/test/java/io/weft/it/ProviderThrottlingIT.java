package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.Status;
import io.weft.Weft;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Provider-side throttling from the throttling rule: QPS buckets, cluster shares, per-app limits, concurrency. */
class ProviderThrottlingIT {

    @Test
    void qpsLimitLetsTheBurstThroughRefusesTheRestThenRefills() {
        try (GovernedProvider provider = new GovernedProvider(); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("throttling", """
                    {"limits":[{"name":"echo-qps","side":"provider","match":{"methods":["echo"]},"qps":2,"burst":5}]}""");
            EchoService echo = Outcomes.stub(consumer, provider);

            Map<Status, Integer> outcomes = Outcomes.count(20, () -> echo.echo("x"));

            assertThat(outcomes.get(Status.OK)).isBetween(5, 7);
            assertThat(outcomes.get(Status.RESOURCE_EXHAUSTED)).isEqualTo(20 - outcomes.get(Status.OK));
            assertThat(provider.impl.calls.get()).isEqualTo(outcomes.get(Status.OK));
            assertThat(echo.add(1, 1)).isEqualTo(2); // other methods are not limited
            await().atMost(Duration.ofSeconds(5)).until(() -> Outcomes.of(() -> echo.echo("again")) == Status.OK);
        }
    }

    @Test
    void clusterScopeSharesTheLimitAmongLiveProviders() {
        try (GovernedProvider provider = new GovernedProvider(); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("throttling", """
                    {"limits":[{"side":"provider","qps":0.01,"burst":8,"scope":"cluster"}]}""");
            EchoService echo = Outcomes.stub(consumer, provider);

            provider.liveProviders.set(4);
            assertThat(Outcomes.count(8, () -> echo.echo("x")))
                    .isEqualTo(Map.of(Status.OK, 2, Status.RESOURCE_EXHAUSTED, 6));

            provider.liveProviders.set(1);
            assertThat(Outcomes.count(10, () -> echo.echo("x")))
                    .isEqualTo(Map.of(Status.OK, 8, Status.RESOURCE_EXHAUSTED, 2));
        }
    }

    @Test
    void perAppLimitOnlyThrottlesTheNamedApp() {
        try (GovernedProvider provider = new GovernedProvider();
             Weft batch = Outcomes.consumer("batch", null);
             Weft web = Outcomes.consumer("web", null)) {
            provider.put("throttling", """
                    {"limits":[{"name":"batch","side":"provider","match":{"consumerApps":["batch"]},"qps":0.01,"burst":2}]}""");

            assertThat(Outcomes.count(5, () -> Outcomes.stub(batch, provider).echo("b")))
                    .isEqualTo(Map.of(Status.OK, 2, Status.RESOURCE_EXHAUSTED, 3));
            assertThat(Outcomes.count(5, () -> Outcomes.stub(web, provider).echo("w")))
                    .isEqualTo(Map.of(Status.OK, 5));
        }
    }

    @Test
    void maxConcurrentRefusesCallsBeyondTheLimitUntilOneFinishes() throws Exception {
        try (GovernedProvider provider = new GovernedProvider(); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("throttling", """
                    {"limits":[{"name":"one","side":"provider","maxConcurrent":1}]}""");
            EchoService echo = Outcomes.stub(consumer, provider);

            CompletableFuture<String> blocked = CompletableFuture.supplyAsync(echo::block);
            assertThat(provider.impl.blocked.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.RESOURCE_EXHAUSTED);
            assertThat(provider.impl.calls.get()).isZero();

            provider.impl.release.countDown();
            assertThat(blocked.get(5, TimeUnit.SECONDS)).isEqualTo("released");
            await().atMost(Duration.ofSeconds(5)).until(() -> Outcomes.of(() -> echo.echo("y")) == Status.OK);
        }
    }

    @Test
    void failedCallsGiveTheirConcurrencySlotBack() {
        try (GovernedProvider provider = new GovernedProvider(); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("throttling", """
                    {"limits":[{"side":"provider","maxConcurrent":1}]}""");
            EchoService echo = Outcomes.stub(consumer, provider);

            assertThat(Outcomes.count(5, () -> echo.boom("x"))).isEqualTo(Map.of(Status.UNKNOWN, 5));
            assertThat(echo.echo("still fine")).isEqualTo("still fine");
        }
    }
}
