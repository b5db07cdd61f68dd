package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ClusterStrategy;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failover, failfast, failsafe, forking and broadcast against real providers. */
class ClusterStrategiesIT {

    private static EchoService stub(Weft consumer, ClusterStrategy strategy, Weft... providers) {
        ReferenceOptions.Builder b = ReferenceOptions.builder().cluster(strategy).loadBalancer("round_robin");
        for (Weft p : providers) {
            b.directAddress(Nodes.address(p));
        }
        return consumer.reference(EchoService.class, b.build());
    }

    @Test
    void failoverRetriesIdempotentCallsElsewhereButNotOthers() {
        EchoServiceImpl bad = new EchoServiceImpl("bad");
        EchoServiceImpl good = new EchoServiceImpl("good");
        bad.failWith = Status.UNAVAILABLE;
        try (Weft pb = Nodes.provider(bad); Weft pg = Nodes.provider(good); Weft consumer = Nodes.consumer()) {
            EchoService echo = stub(consumer, ClusterStrategy.FAILOVER, pb, pg);
            int notIdempotentFailures = 0;
            for (int i = 0; i < 4; i++) { // round robin: two of these reach the failing instance
                try {
                    echo.who();
                } catch (RpcException e) {
                    assertThat(e.status()).isEqualTo(Status.UNAVAILABLE);
                    notIdempotentFailures++;
                }
            }
            assertThat(notIdempotentFailures).as("non-idempotent calls are not resent").isEqualTo(2);
            for (int i = 0; i < 10; i++) {
                assertThat(echo.read("k")).isEqualTo("good");
            }
        }
    }

    @Test
    void failfastReportsTheFirstFailure() {
        EchoServiceImpl bad = new EchoServiceImpl("bad");
        bad.failWith = Status.UNAVAILABLE;
        EchoServiceImpl good = new EchoServiceImpl("good");
        try (Weft pb = Nodes.provider(bad); Weft pg = Nodes.provider(good); Weft consumer = Nodes.consumer()) {
            EchoService echo = stub(consumer, ClusterStrategy.FAILFAST, pb, pg);
            int failures = 0;
            for (int i = 0; i < 6; i++) {
                try {
                    echo.read("k");
                } catch (RpcException e) {
                    failures++;
                }
            }
            assertThat(failures).isEqualTo(bad.whoCalls.get()).isPositive();
        }
    }

    @Test
    void failsafeReturnsTheDefaultValue() {
        EchoServiceImpl bad = new EchoServiceImpl("bad");
        bad.failWith = Status.INTERNAL;
        try (Weft pb = Nodes.provider(bad); Weft consumer = Nodes.consumer()) {
            EchoService echo = stub(consumer, ClusterStrategy.FAILSAFE, pb);
            assertThat(echo.who()).isNull();
            assertThat(bad.whoCalls.get()).isEqualTo(1);
        }
    }

    @Test
    void forkingAnswersWithTheFastestInstance() {
        EchoServiceImpl slow = new EchoServiceImpl("slow");
        slow.delayMillis = 2000;
        EchoServiceImpl fast = new EchoServiceImpl("fast");
        try (Weft ps = Nodes.provider(slow); Weft pf = Nodes.provider(fast);
             Weft consumer = Nodes.consumer(WeftConfig.CLIENT_TIMEOUT_MS, "5000")) {
            EchoService echo = stub(consumer, ClusterStrategy.FORKING, ps, pf);
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertThat(echo.read("k")).isEqualTo("fast");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
            }
        }
    }

    @Test
    void broadcastReachesEveryInstanceAndFailsIfOneFails() {
        EchoServiceImpl a = new EchoServiceImpl("a");
        EchoServiceImpl b = new EchoServiceImpl("b");
        EchoServiceImpl c = new EchoServiceImpl("c");
        try (Weft pa = Nodes.provider(a); Weft pb = Nodes.provider(b); Weft pc = Nodes.provider(c);
             Weft consumer = Nodes.consumer()) {
            EchoService echo = stub(consumer, ClusterStrategy.BROADCAST, pa, pb, pc);
            assertThat(echo.who()).isIn("a", "b", "c");
            assertThat(a.whoCalls.get() + b.whoCalls.get() + c.whoCalls.get()).isEqualTo(3);
            b.failWith = Status.PERMISSION_DENIED;
            assertThatThrownBy(echo::who).isInstanceOf(RpcException.class)
                    .hasMessageContaining("1 failed");
            assertThat(a.whoCalls.get() + b.whoCalls.get() + c.whoCalls.get()).isEqualTo(6);
        }
    }

    @Test
    void perMethodStrategyOverridesTheReference() {
        EchoServiceImpl bad = new EchoServiceImpl("bad");
        bad.failWith = Status.UNAVAILABLE;
        try (Weft pb = Nodes.provider(bad); Weft consumer = Nodes.consumer()) {
            EchoService echo = consumer.reference(EchoService.class, ReferenceOptions.builder()
                    .directAddress(Nodes.address(pb)).cluster(ClusterStrategy.FAILFAST)
                    .cluster("who", ClusterStrategy.FAILSAFE).build());
            assertThat(echo.who()).isNull();
            assertThatThrownBy(() -> echo.read("k")).isInstanceOf(RpcException.class);
        }
    }
}
