package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.ServiceInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The health model of DESIGN §3 on virtual time: the clock is a counter the test advances and
 * probes are futures the test completes, so every case runs in milliseconds without sockets.
 */
class OutlierDetectorTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** α 0.5, δ 0.5, ejection 1 s doubling to 8 s, min healthy share 50 %. */
    private static final HealthSettings HEALTH = new HealthSettings(0.5, 0.5, Duration.ofSeconds(1),
            Duration.ofSeconds(8), 0.5, Duration.ZERO, Duration.ofMillis(250), 8, Duration.ofSeconds(1));

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> probes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger probesStarted = new AtomicInteger();
    private final AtomicInteger rotationChanges = new AtomicInteger();
    private final ConcurrentHashMap<String, EndpointState> members = new ConcurrentHashMap<>();
    private final OutlierDetector detector = new OutlierDetector("svc", HEALTH, members, clock::get, i -> {
        probesStarted.incrementAndGet();
        CompletableFuture<Void> answer = new CompletableFuture<>();
        probes.add(answer);
        return answer;
    }, rotationChanges::incrementAndGet);

    private List<EndpointState> endpoints(int n) {
        List<EndpointState> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EndpointState s = new EndpointState(ServiceInstance.provider("svc", "app", "10.0.0." + i, 20880));
            members.put(s.address, s);
            out.add(s);
        }
        return out;
    }

    private void failUntilEjected(EndpointState e) {
        for (int i = 0; i < 10 && !e.rotation().ejected(); i++) {
            detector.onSample(e, 0);
        }
        assertThat(e.rotation().ejected()).as("ejected").isTrue();
    }

    private void advance(long nanos) {
        clock.addAndGet(nanos);
    }

    private void answerProbe(boolean ok) {
        CompletableFuture<Void> probe = probes.poll();
        assertThat(probe).as("a probe in flight").isNotNull();
        if (ok) {
            probe.complete(null);
        } else {
            probe.completeExceptionally(new IllegalStateException("no PONG"));
        }
    }

    @Test
    void instanceIsEjectedForTheBasePeriodOnceItsHealthFallsBelowTheThreshold() {
        EndpointState e = endpoints(3).get(0);

        detector.onSample(e, 0); // H = 0.5: not below δ
        assertThat(e.inRotation()).isTrue();
        detector.onSample(e, 0); // H = 0.25

        assertThat(e.inRotation()).isFalse();
        assertThat(e.rotation().ejections()).isEqualTo(1);
        assertThat(e.rotation().ejectedUntilNanos()).isEqualTo(clock.get() + SECOND);
        assertThat(rotationChanges).hasValue(1);
        assertThat(probesStarted).hasValue(0);
    }

    @Test
    void probeStartsOnlyOnceThePeriodIsOverAndReadmitsWithHealthHalfwayFromThresholdToOne() {
        EndpointState e = endpoints(3).get(0);
        failUntilEjected(e);

        advance(SECOND - 1);
        detector.tick();
        assertThat(probesStarted).as("period not over").hasValue(0);
        advance(1);
        detector.tick();
        detector.tick();
        assertThat(probesStarted).as("one probe, however many ticks").hasValue(1);
        assertThat(e.inRotation()).isFalse();

        answerProbe(true);

        assertThat(e.inRotation()).isTrue();
        assertThat(e.health()).isEqualTo(HEALTH.readmittedHealth()).isEqualTo(0.75);
        assertThat(e.rotation().probing()).isFalse();
        detector.tick();
        assertThat(probesStarted).hasValue(1);
    }

    @Test
    void failedProbesDoubleTheEjectionPeriodUpToTheCeiling() {
        EndpointState e = endpoints(3).get(0);
        failUntilEjected(e);
        long period = SECOND;
        for (long expected : new long[] {2, 4, 8, 8}) {
            advance(period);
            detector.tick();
            answerProbe(false);
            period = e.rotation().ejectedUntilNanos() - clock.get();
            assertThat(period).isEqualTo(expected * SECOND);
            advance(period - 1);
            detector.tick();
            assertThat(probes).as("no probe before the longer period is over").isEmpty();
            advance(-(period - 1));
        }
        assertThat(e.inRotation()).isFalse();
    }

    @Test
    void ejectionSoonAfterReadmissionLastsTwiceAsLongButALongHealthySpellStartsAgainFromTheBase() {
        EndpointState e = endpoints(3).get(0);
        failUntilEjected(e);
        advance(SECOND);
        detector.tick();
        answerProbe(true);

        failUntilEjected(e); // right after readmission: ejection #2
        assertThat(e.rotation().ejections()).isEqualTo(2);
        assertThat(e.rotation().ejectedUntilNanos() - clock.get()).isEqualTo(2 * SECOND);

        advance(2 * SECOND);
        detector.tick();
        answerProbe(true);
        advance(HEALTH.maxEjection().toNanos() + 1); // healthy for longer than the longest period
        failUntilEjected(e);

        assertThat(e.rotation().ejections()).isEqualTo(1);
        assertThat(e.rotation().ejectedUntilNanos() - clock.get()).isEqualTo(SECOND);
    }

    @Test
    void neverEjectsSoThatFewerThanTheMinimumHealthyShareStayInRotation() {
        List<EndpointState> all = endpoints(4);

        for (EndpointState e : all) {
            for (int i = 0; i < 10; i++) {
                detector.onSample(e, 0);
            }
        }

        assertThat(all).filteredOn(EndpointState::inRotation).hasSize(2)
                .allSatisfy(e -> assertThat(e.health()).isLessThan(HEALTH.ejectionThreshold()));
        assertThat(all).filteredOn(e -> e.rotation().ejected()).hasSize(2);
    }

    @Test
    void concurrentTicksStartOneProbeAndAFailedProbeNeverLetsATickStartASecond() throws Exception {
        EndpointState e = endpoints(3).get(0);
        failUntilEjected(e);
        int tickers = 3;
        int rounds = 100;
        // each round: the period is over, the tickers race, and the probe fails while they still tick
        CyclicBarrier start = new CyclicBarrier(tickers + 1, () -> advance(HEALTH.maxEjection().toNanos()));
        CyclicBarrier end = new CyclicBarrier(tickers + 1);
        ExecutorService pool = Executors.newFixedThreadPool(tickers);
        try {
            for (int t = 0; t < tickers; t++) {
                pool.execute(() -> {
                    try {
                        for (int round = 0; round < rounds; round++) {
                            start.await();
                            for (int i = 0; i < 100; i++) {
                                detector.tick();
                            }
                            end.await();
                        }
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                });
            }
            for (int round = 0; round < rounds; round++) {
                int before = probesStarted.get();
                start.await(10, TimeUnit.SECONDS);
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (probes.isEmpty() && System.nanoTime() < giveUp) {
                    Thread.onSpinWait();
                }
                answerProbe(false);
                end.await(10, TimeUnit.SECONDS);
                assertThat(probesStarted.get() - before).as("probes started in round %d", round).isEqualTo(1);
                assertThat(e.rotation().probing()).isFalse();
                assertThat(e.rotation().ejected()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedConnectionIsOutUntilOneReconnectProbeAnswers() {
        EndpointState e = endpoints(2).get(0);

        detector.onEvent(e, ConnectionListener.Event.CLOSED);
        detector.onEvent(e, ConnectionListener.Event.GOAWAY);
        assertThat(e.inRotation()).isFalse();
        assertThat(rotationChanges).hasValue(1);

        detector.tick();
        detector.onEvent(e, ConnectionListener.Event.CONNECTED); // the probe's own connection
        detector.tick();
        assertThat(probesStarted).hasValue(1);
        answerProbe(false);
        assertThat(e.inRotation()).as("no answer: still out").isFalse();

        detector.tick();
        answerProbe(true);
        assertThat(probesStarted).hasValue(2);
        assertThat(e.inRotation()).isTrue();
        assertThat(rotationChanges).hasValue(2);
    }

    @Test
    void stalledConnectionIsOutUntilAPong() {
        EndpointState e = endpoints(2).get(0);

        detector.onEvent(e, ConnectionListener.Event.STALLED);
        assertThat(e.inRotation()).isFalse();
        detector.tick();
        assertThat(probesStarted).as("the connection PINGs a stalled provider itself").hasValue(0);

        detector.onEvent(e, ConnectionListener.Event.PONG);
        assertThat(e.inRotation()).isTrue();
        assertThat(rotationChanges).hasValue(2);
    }

    @Test
    void ejectedInstanceThatReconnectsStaysEjectedUntilItsProbe() {
        EndpointState e = endpoints(3).get(0);
        failUntilEjected(e);
        detector.onEvent(e, ConnectionListener.Event.CLOSED);

        detector.tick(); // down first: reconnect
        answerProbe(true);
        assertThat(e.rotation().link()).isEqualTo(Rotation.Link.UP);
        assertThat(e.inRotation()).as("still ejected").isFalse();

        advance(SECOND);
        detector.tick();
        answerProbe(true);
        assertThat(e.inRotation()).isTrue();
    }

    @Test
    void newInstanceJoinsOnlyAfterItAnswers() {
        EndpointState e = new EndpointState(ServiceInstance.provider("svc", "app", "10.0.0.9", 1), Rotation.JOINING);
        members.put(e.address, e);

        detector.admitWhenAnswering(e);
        detector.tick();
        assertThat(probesStarted).hasValue(1);
        assertThat(e.inRotation()).isFalse();

        answerProbe(true);
        assertThat(e.inRotation()).isTrue();
    }
}
