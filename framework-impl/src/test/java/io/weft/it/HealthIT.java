package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.ReferenceOptions;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A consumer's health model against real providers: ejection, readmission, the healthy share. */
class HealthIT {

    @Test
    void failingInstanceIsEjectedThenReadmittedWhenItRecovers() throws Exception {
        EchoServiceImpl good1 = new EchoServiceImpl("good1");
        EchoServiceImpl good2 = new EchoServiceImpl("good2");
        EchoServiceImpl bad = new EchoServiceImpl("bad");
        try (Weft p1 = Nodes.provider(good1); Weft p2 = Nodes.provider(good2); Weft p3 = Nodes.provider(bad);
             Weft consumer = Nodes.consumer("weft.health.base-ejection-ms", "1000")) {
            EchoService echo = Nodes.stub(consumer, p1, p2, p3);
            bad.failWith = Status.UNAVAILABLE;
            try (LoadRunner load = new LoadRunner(4, echo::who)) {
                long start = System.nanoTime();
                // ejected: the bad instance stops receiving calls
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    int seen = bad.whoCalls.get();
                    return load.ok.get() > 500 && quiet(bad, seen);
                });
                long ejectedMs = (System.nanoTime() - start) / 1_000_000;
                int failedBeforeEjection = load.failures.size();
                System.out.printf("failing instance ejected after %d ms and %d failed calls (of %d calls to it)%n",
                        ejectedMs, failedBeforeEjection, bad.whoCalls.get());
                assertThat(failedBeforeEjection).isLessThan(40);
                bad.failWith = null;
                long healed = System.nanoTime();
                await().atMost(Duration.ofSeconds(10)).until(() -> load.answered("bad") > 100);
                System.out.printf("recovered instance readmitted and serving %d ms after it healed%n",
                        (System.nanoTime() - healed) / 1_000_000);
            }
        }
    }

    /**
     * True when {@code impl} received no call for a second after {@code seen}. A second (not less) so
     * that a scheduling stall on a loaded machine is not mistaken for an ejection.
     */
    private static boolean quiet(EchoServiceImpl impl, int seen) {
        long until = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < until) {
            if (impl.whoCalls.get() != seen) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        return true;
    }

    @Test
    void slowInstanceTimingOutIsEjected() throws Exception {
        EchoServiceImpl fast1 = new EchoServiceImpl("fast1");
        EchoServiceImpl fast2 = new EchoServiceImpl("fast2");
        EchoServiceImpl slow = new EchoServiceImpl("slow");
        slow.delayMillis = 300;
        try (Weft p1 = Nodes.provider(fast1); Weft p2 = Nodes.provider(fast2); Weft p3 = Nodes.provider(slow);
             Weft consumer = Nodes.consumer(WeftConfig.CLIENT_TIMEOUT_MS, "100", "weft.client.load-balancer",
                     "round_robin", "weft.health.base-ejection-ms", "60000")) {
            EchoService echo = Nodes.stub(consumer, p1, p2, p3);
            try (LoadRunner load = new LoadRunner(4, echo::who)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> load.ok.get() > 1000
                        && quiet(slow, slow.whoCalls.get()));
                System.out.printf("slow instance ejected after %d timed-out calls%n", load.failures.size());
                assertThat(load.failures).allSatisfy(f -> assertThat(f.error().getMessage()).contains("DEADLINE"));
                int failures = load.failures.size();
                int ok = load.ok.get();
                await().atMost(Duration.ofSeconds(5)).until(() -> load.ok.get() > ok + 1000);
                assertThat(load.failures).hasSize(failures);
            }
        }
    }

    @Test
    void neverEjectsMoreThanTheMinimumHealthyShareAllows() throws Exception {
        EchoServiceImpl a = new EchoServiceImpl("a");
        EchoServiceImpl b = new EchoServiceImpl("b");
        a.failWith = Status.UNAVAILABLE;
        b.failWith = Status.UNAVAILABLE;
        try (Weft pa = Nodes.provider(a); Weft pb = Nodes.provider(b);
             Weft consumer = Nodes.consumer("weft.health.base-ejection-ms", "60000")) {
            EchoService echo = consumer.reference(EchoService.class, ReferenceOptions.builder()
                    .directAddress(Nodes.address(pa)).directAddress(Nodes.address(pb)).build());
            for (int i = 0; i < 200; i++) {
                try {
                    echo.who();
                } catch (RuntimeException expected) {
                    // both fail
                }
            }
            int aBefore = a.whoCalls.get();
            int bBefore = b.whoCalls.get();
            for (int i = 0; i < 200; i++) {
                try {
                    echo.who();
                } catch (RuntimeException expected) {
                    // both fail
                }
            }
            int aAfter = a.whoCalls.get() - aBefore;
            int bAfter = b.whoCalls.get() - bBefore;
            System.out.printf("two failing instances, min share 50%%: later calls a=%d b=%d%n", aAfter, bAfter);
            assertThat(aAfter + bAfter).isEqualTo(200);
            assertThat(Math.max(aAfter, bAfter)).as("one instance stays in rotation").isEqualTo(200);
        }
    }
}
