package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterUpkeepTest {
    private static final long PERIOD_MILLIS = 5;

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicBoolean needed = new AtomicBoolean();
    private final AtomicBoolean neededAfterStop = new AtomicBoolean();
    private Runnable duringTick = () -> { };
    private final ClusterUpkeep upkeep = new ClusterUpkeep(executor, PERIOD_MILLIS, () -> {
        ticks.incrementAndGet();
        duringTick.run();
        return needed.get();
    }, neededAfterStop::get);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private void awaitStopped() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !upkeep.running());
    }

    @Test
    void doesNotTickUntilWoken() {
        assertThat(upkeep.running()).isFalse();
        assertThat(ticks).hasValue(0);
    }

    @Test
    void stopsAfterTheQuietTicksAndStartsAgainOnTheNextWake() {
        upkeep.wake();
        awaitStopped();
        assertThat(ticks).hasValue(ClusterUpkeep.QUIET_TICKS);

        upkeep.wake();
        awaitStopped();
        assertThat(ticks).hasValue(2 * ClusterUpkeep.QUIET_TICKS);
    }

    @Test
    void keepsTickingWhileTheUpkeepIsNeeded() {
        needed.set(true);
        upkeep.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() > 3 * ClusterUpkeep.QUIET_TICKS);
        assertThat(upkeep.running()).isTrue();

        needed.set(false);
        awaitStopped();
    }

    @Test
    void wakeIfStoppedStartsAStoppedUpkeepOnly() {
        upkeep.wakeIfStopped();
        assertThat(upkeep.running()).isTrue();
        awaitStopped();
        assertThat(ticks).hasValue(ClusterUpkeep.QUIET_TICKS);
    }

    @Test
    void aWakeDuringTheLastQuietTickIsNotLost() {
        AtomicInteger wakes = new AtomicInteger();
        duringTick = () -> {
            if (ticks.get() == ClusterUpkeep.QUIET_TICKS && wakes.getAndIncrement() == 0) {
                upkeep.wake(); // as an event on another thread would, while the upkeep is about to stop
            }
        };
        upkeep.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() > ClusterUpkeep.QUIET_TICKS);
        awaitStopped();
        assertThat(ticks).hasValue(2 * ClusterUpkeep.QUIET_TICKS);
    }

    @Test
    void workThatAppearsAsItStopsKeepsItRunning() {
        // a call counted in flight after the last tick looked, whose wakeIfStopped still saw it running
        duringTick = () -> neededAfterStop.set(ticks.get() == ClusterUpkeep.QUIET_TICKS);
        upkeep.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() > ClusterUpkeep.QUIET_TICKS);
        awaitStopped();
        assertThat(ticks).hasValue(2 * ClusterUpkeep.QUIET_TICKS);
    }

    @Test
    void aFailingTickCountsAsNeeded() {
        AtomicInteger failures = new AtomicInteger();
        duringTick = () -> {
            if (failures.getAndIncrement() < 3) {
                throw new IllegalStateException("boom");
            }
        };
        upkeep.wake();
        awaitStopped();
        assertThat(ticks).hasValue(3 + ClusterUpkeep.QUIET_TICKS);
    }

    @Test
    void anInertUpkeepNeverRuns() {
        ClusterUpkeep inert = ClusterUpkeep.inert();
        inert.wake();
        inert.wakeIfStopped();
        assertThat(inert.running()).isTrue(); // "running" forever, so nothing schedules it
    }
}
