package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.Status;
import io.weft.Weft;
import io.weft.test.WeftExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Provider-side throttling from the throttling rule: QPS buckets, cluster shares, per-app limits, concurrency. */
class ProviderThrottlingIT {
    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();

    @Test
    void qpsLimitLetsTheBurstThroughRefusesTheRestThenRefills() {
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("throttling", """
                    {"limits":[{"name":"echo-qps","side":"provider","match":{"methods":["echo"]},"qps":2,"burst":5}]}""");
            EchoService echo = Nodes.stub(consumer, provider.weft);

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
        List<Weft> others = new ArrayList<>();
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            for (int i = 0; i < 3; i++) {
                others.add(weft.export(EchoService.class, new EchoServiceImpl("other-" + i)));
            }
            weft.awaitProviders(RuledProvider.SERVICE, 4);
            provider.put("throttling", """
                    {"limits":[{"side":"provider","qps":0.01,"burst":8,"scope":"cluster"}]}""");
            EchoService echo = Nodes.stub(consumer, provider.weft);

            assertThat(Outcomes.count(8, () -> echo.echo("x")))
                    .isEqualTo(Map.of(Status.OK, 2, Status.RESOURCE_EXHAUSTED, 6));

            others.forEach(Weft::close);
            weft.awaitProviders(RuledProvider.SERVICE, 1);
            // the provider learns the count from its own registry watch; a refused call takes no permit, so
            // retrying until one passes costs exactly one of the 8 permits a sole provider has
            await().atMost(Duration.ofSeconds(10)).until(() -> Outcomes.of(() -> echo.echo("x")) == Status.OK);
            assertThat(Outcomes.count(9, () -> echo.echo("x")))
                    .isEqualTo(Map.of(Status.OK, 7, Status.RESOURCE_EXHAUSTED, 2));
        } finally {
            others.forEach(Weft::close);
        }
    }

    @Test
    void perAppLimitOnlyThrottlesTheNamedApp() {
        try (RuledProvider provider = new RuledProvider(weft);
             Weft batch = Outcomes.consumer("batch", null);
             Weft web = Outcomes.consumer("web", null)) {
            provider.put("throttling", """
                    {"limits":[{"name":"batch","side":"provider","match":{"consumerApps":["batch"]},"qps":0.01,"burst":2}]}""");

            assertThat(Outcomes.count(5, () -> Nodes.stub(batch, provider.weft).echo("b")))
                    .isEqualTo(Map.of(Status.OK, 2, Status.RESOURCE_EXHAUSTED, 3));
            assertThat(Outcomes.count(5, () -> Nodes.stub(web, provider.weft).echo("w")))
                    .isEqualTo(Map.of(Status.OK, 5));
        }
    }

    @Test
    void maxConcurrentRefusesCallsBeyondTheLimitUntilOneFinishes() throws Exception {
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("throttling", """
                    {"limits":[{"name":"one","side":"provider","maxConcurrent":1}]}""");
            EchoService echo = Nodes.stub(consumer, provider.weft);

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
        try (RuledProvider provider = new RuledProvider(weft); Weft consumer = Outcomes.consumer("web", null)) {
            provider.put("throttling", """
                    {"limits":[{"side":"provider","maxConcurrent":1}]}""");
            EchoService echo = Nodes.stub(consumer, provider.weft);

            assertThat(Outcomes.count(5, () -> echo.boom("x"))).isEqualTo(Map.of(Status.UNKNOWN, 5));
            assertThat(echo.echo("still fine")).isEqualTo("still fine");
        }
    }
}
