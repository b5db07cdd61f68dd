package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.Weft;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A consumer with nothing to do wakes no thread of its own; its next call and its cluster work as before. */
class IdleConsumerIT {

    @Test
    void idleConsumersClusterThreadSleepsAndItsNextCallsWork() {
        EchoServiceImpl impl = new EchoServiceImpl("p1");
        Set<Thread> before = clusterThreads();
        // PINGs every 100 ms of idleness: the PONGs of a healthy connection must not wake it either
        try (Weft provider = Nodes.provider(impl); Weft consumer = Nodes.consumer("weft.heartbeat.interval", "100ms")) {
            EchoService echo = Nodes.stub(consumer, provider);
            assertThat(echo.who()).isEqualTo("p1");
            Set<Thread> mine = clusterThreads();
            mine.removeAll(before);
            assertThat(mine).as("this consumer's cluster thread").hasSize(1);
            Thread cluster = mine.iterator().next();

            // WAITING: parked with no timeout, so no tick is scheduled; TIMED_WAITING would be a tick ahead
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.getState() == Thread.State.WAITING);
            await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5))
                    .until(() -> cluster.getState() == Thread.State.WAITING);

            for (int i = 0; i < 100; i++) {
                assertThat(echo.who()).isEqualTo("p1");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.getState() == Thread.State.WAITING);
        }
    }

    @Test
    void aProviderGoingAwayWakesTheSleepingUpkeepWhichKeepsReconnecting() {
        EchoServiceImpl impl1 = new EchoServiceImpl("p1");
        EchoServiceImpl impl2 = new EchoServiceImpl("p2");
        Set<Thread> before = clusterThreads();
        try (Weft p1 = Nodes.provider(impl1); Weft consumer = Nodes.consumer()) {
            Weft p2 = Nodes.provider(impl2);
            EchoService echo = Nodes.stub(consumer, p1, p2);
            await().atMost(Duration.ofSeconds(10)).until(() -> echo.who().equals("p2"));
            Set<Thread> mine = clusterThreads();
            mine.removeAll(before);
            Thread cluster = mine.iterator().next();
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.getState() == Thread.State.WAITING);

            p2.close();
            // the connection's close wakes it; p2 stays down, so it keeps ticking to reconnect
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.getState() != Thread.State.WAITING);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> cluster.getState() != Thread.State.WAITING);
            for (int i = 0; i < 20; i++) {
                assertThat(echo.who()).isEqualTo("p1");
            }
        }
    }

    private static Set<Thread> clusterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("weft-cluster-"))
                .collect(Collectors.toSet());
    }
}
