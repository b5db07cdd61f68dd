package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.InstanceStatus;
import io.weft.ServiceInstance;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's memory on virtual time: sampling, aggregation, bounds, the degraded run, restarts. */
class MetricsHistoryTest {
    private static final String SERVICE = "io.weft.demo.Greeter";
    private static final Duration STEP = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock();
    private final MetricsHistory history = new MetricsHistory(STEP, Duration.ofMinutes(60), Duration.ofSeconds(15),
            clock, 10, 10);

    private ServiceInstance provider(int port, double health, double qps, double errorRate) {
        return ServiceInstance.provider(SERVICE, "greeter", "127.0.0.1", port).withStartedAt(1_000)
                .withStatus(new InstanceStatus(health, clock.millis(), qps, errorRate));
    }

    /** Heartbeats every 5 s and a tick right after each, for {@code steps} steps. */
    private void run(int steps, double health, double qps) {
        for (int i = 0; i < steps; i++) {
            clock.advance(STEP);
            history.providers(SERVICE, List.of(provider(1, health, qps, 0)));
            history.tick();
        }
    }

    @Test
    void eachNewHeartbeatIsOneInstanceSampleAndANodeRewriteWithTheSameStatusIsNot() {
        ServiceInstance first = provider(1, 1.0, 12.5, 0.1);
        history.providers(SERVICE, List.of(first));
        clock.advance(STEP);
        history.providers(SERVICE, List.of(first.withAppliedRules(java.util.Map.of("routing", 7L)))); // same status
        clock.advance(STEP);
        history.providers(SERVICE, List.of(provider(1, 0.5, 20, 0.25)));

        MetricsHistory.Series s = history.instance(SERVICE, "127.0.0.1:1", 60).orElseThrow().series();
        assertThat(s.t()).hasSize(3); // from the first sample to now, one slot per step
        assertThat(s.callsPerSecond()).containsExactly(12.5, 12.5, 20.0); // a status holds until the next one
        assertThat(s.health()).containsExactly(1.0, 1.0, 0.5);
        assertThat(s.errorRate()).containsExactly(0.1, 0.1, 0.25);
        assertThat(s.t().get(1) - s.t().get(0)).isEqualTo(STEP.toMillis());
    }

    @Test
    void silenceLongerThanTheStalenessLimitIsAGapInTheInstanceChart() {
        history.providers(SERVICE, List.of(provider(1, 1.0, 7, 0)));
        clock.advance(STEP.multipliedBy(5)); // 25 s without a heartbeat: stale after 15 s
        history.providers(SERVICE, List.of(provider(1, 1.0, 9, 0)));

        assertThat(history.instance(SERVICE, "127.0.0.1:1", 60).orElseThrow().series().callsPerSecond())
                .containsExactly(7.0, 7.0, 7.0, null, null, 9.0);
    }

    @Test
    void serviceSampleAveragesHealthWithAStaleStatusCountingZeroAndSumsCallsWeightingErrors() {
        ServiceInstance old = provider(2, 1.0, 100, 0); // will be stale: its status is not rewritten
        clock.advance(Duration.ofSeconds(20));
        history.providers(SERVICE, List.of(provider(1, 0.8, 30, 0.1), provider(3, 0.6, 10, 0.5), old));
        history.tick();

        MetricsHistory.Series s = history.service(SERVICE, 60).series();
        assertThat(s.health()).hasSize(1);
        assertThat(s.health().get(0)).isCloseTo((0.8 + 0.6 + 0) / 3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.callsPerSecond()).containsExactly(40.0); // the stale instance's 100/s is old news
        assertThat(s.errorRate().get(0)).isCloseTo((30 * 0.1 + 10 * 0.5) / 40, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.p99Ms()).containsExactly((Double) null); // no instance reports p99Ms: absent, shown as "—"
        assertThat(history.instance(SERVICE, "127.0.0.1:2", 60)).isEmpty(); // a stale status is not a heartbeat
    }

    @Test
    void tickDelayedOnABusyMachineLeavesNoGapInTheServiceChart() {
        run(2, 1.0, 5);
        clock.advance(STEP.multipliedBy(3)); // two ticks never ran
        history.providers(SERVICE, List.of(provider(1, 1.0, 6, 0)));
        history.tick();

        assertThat(history.service(SERVICE, 60).series().callsPerSecond()).containsExactly(5.0, 5.0, 5.0, 5.0, 6.0);
    }

    @Test
    void serviceWithoutProvidersHasAGapNotAZero() {
        run(2, 1.0, 5);
        clock.advance(STEP);
        history.providers(SERVICE, List.of());
        history.tick();
        run(1, 1.0, 5);

        assertThat(history.service(SERVICE, 60).series().health()).containsExactly(1.0, 1.0, null, 1.0);
    }

    @Test
    void memoryStaysBoundedAndTheWindowNeverReachesBeyondTheRetention() {
        MetricsHistory small = new MetricsHistory(STEP, Duration.ofMinutes(1), Duration.ofSeconds(15), clock, 10, 10);
        for (int i = 0; i < 1_000; i++) { // 83 minutes of heartbeats into a one-minute memory
            clock.advance(STEP);
            small.providers(SERVICE, List.of(provider(1, 1.0, i, 0)));
            small.tick();
        }
        MetricsHistory.Series service = small.service(SERVICE, 1).series();
        MetricsHistory.Series instance = small.instance(SERVICE, "127.0.0.1:1", 1).orElseThrow().series();
        assertThat(service.t()).hasSize(12); // 60 s / 5 s
        assertThat(instance.callsPerSecond()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(988, 1_000).mapToObj(i -> (double) i).toList());
        assertThat(service.t().get(11)).isEqualTo(Math.floorDiv(clock.millis(), STEP.toMillis()) * STEP.toMillis());
    }

    @Test
    void atMostMaxInstancesSeriesAreKeptDroppingTheOneWrittenLongestAgo() {
        MetricsHistory capped = new MetricsHistory(STEP, Duration.ofMinutes(60), Duration.ofSeconds(15), clock, 10, 3);
        for (int port = 1; port <= 5; port++) {
            clock.advance(STEP);
            capped.providers(SERVICE, List.of(provider(port, 1, 1, 0)));
        }
        List<String> kept = capped.service(SERVICE, 60).instances();
        assertThat(kept).containsExactly("127.0.0.1:3", "127.0.0.1:4", "127.0.0.1:5");
    }

    @Test
    void seriesWithoutDataForAWholeRetentionIsForgotten() {
        MetricsHistory small = new MetricsHistory(STEP, Duration.ofMinutes(1), Duration.ofSeconds(15), clock, 10, 10);
        small.providers(SERVICE, List.of(provider(1, 1, 1, 0)));
        small.tick();
        small.providers(SERVICE, List.of()); // the service went away
        clock.advance(Duration.ofSeconds(61));
        small.tick();

        assertThat(small.instance(SERVICE, "127.0.0.1:1", 1)).isEmpty();
        assertThat(small.service(SERVICE, 1).series().t()).isEmpty();
    }

    @Test
    void degradedSinceIsWhereTheCurrentRunBelowDeltaBeganAndClearsOnRecovery() {
        run(3, 1.0, 10);
        run(1, 0.2, 10);
        long since = Math.floorDiv(clock.millis(), STEP.toMillis()) * STEP.toMillis();
        run(4, 0.4, 10);
        clock.advance(STEP.multipliedBy(2)); // a missed tick does not end the run
        history.providers(SERVICE, List.of(provider(1, 0.1, 10, 0)));
        history.tick();

        assertThat(history.service(SERVICE, 60).degradedSince()).isEqualTo(since);

        run(1, 0.5, 10); // h̄ = δ is not below δ
        assertThat(history.service(SERVICE, 60).degradedSince()).isNull();
    }

    @Test
    void restartUnderTheSameInstanceIdIsRecordedAndItsFirstRatesAreTakenAsReported() {
        run(2, 1.0, 50);
        clock.advance(STEP);
        ServiceInstance restarted = ServiceInstance.provider(SERVICE, "greeter", "127.0.0.1", 1)
                .withStartedAt(clock.millis()).withStatus(new InstanceStatus(1.0, clock.millis(), 3, 0));
        history.providers(SERVICE, List.of(restarted));
        history.tick();

        MetricsHistory.InstanceHistory h = history.instance(SERVICE, "127.0.0.1:1", 60).orElseThrow();
        assertThat(h.restarts()).containsExactly(clock.millis());
        assertThat(h.series().callsPerSecond()).containsExactly(50.0, 50.0, 3.0); // rates, never a negative difference
    }

    @Test
    void nonFiniteRatesAreAbsentRatherThanPoisoningTheSums() {
        clock.advance(STEP);
        history.providers(SERVICE, List.of(provider(1, 1, Double.NaN, Double.POSITIVE_INFINITY), provider(2, 1, 4, 0)));
        history.tick();

        assertThat(history.instance(SERVICE, "127.0.0.1:1", 60).orElseThrow().series().callsPerSecond())
                .containsExactly((Double) null);
        assertThat(history.service(SERVICE, 60).series().callsPerSecond()).containsExactly(4.0);
    }

    @Test
    void windowOfFewerMinutesHoldsOnlyItsSlots() {
        run(30, 1.0, 1); // 150 s
        assertThat(history.service(SERVICE, 1).series().t()).hasSize(12);
        assertThat(history.service(SERVICE, 60).series().t()).hasSize(30);
    }

    @Test
    void stepLongerThanTheRetentionIsRefused() {
        assertThatThrownBy(() -> new MetricsHistory(Duration.ofMinutes(2), Duration.ofMinutes(1),
                Duration.ofSeconds(15), clock, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step");
    }
}
