package io.weft.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedVertxTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final long FAR = TimeUnit.MINUTES.toMillis(10);

    /** Every instance the shared one created, in order. */
    private final List<Vertx> created = new CopyOnWriteArrayList<>();
    private final SharedVertx shared = new SharedVertx(() -> {
        Vertx vertx = SharedVertx.newVertx();
        created.add(vertx);
        return vertx;
    });
    private final List<Vertx> views = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        views.forEach(Vertx::close);
        created.forEach(Vertx::close);
    }

    private Vertx view() {
        Vertx view = shared.view();
        views.add(view);
        return view;
    }

    /** The thread that runs a timer set through {@code view}, once it fired. */
    private static Thread timerThread(Vertx view) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        view.setTimer(1, id -> thread.complete(Thread.currentThread()));
        return thread.get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void viewsRunTheirTimersOnTheOneEventLoopThreadOfOneInstance() throws Exception {
        Vertx first = view();
        Vertx second = view();

        Thread thread = timerThread(first);

        assertThat(timerThread(second)).isSameAs(thread);
        assertThat(thread.getName()).isEqualTo("vert.x-eventloop-thread-0");
        assertThat(created).hasSize(1);
    }

    @Test
    void closingOneViewLeavesTheInstanceWorkingForTheOthers() throws Exception {
        Vertx closing = view();
        Vertx staying = view();
        Thread thread = timerThread(closing);
        timerThread(staying);

        assertThat(closing.close().succeeded()).isTrue();

        assertThat(timerThread(staying)).isSameAs(thread);
        assertThat(created).hasSize(1);
    }

    @Test
    void closingTheLastViewEndsTheInstanceAndTheNextUseCreatesAFreshOne() throws Exception {
        Vertx first = view();
        Vertx second = view();
        Thread thread = timerThread(first);
        timerThread(second);

        first.close();
        second.close();

        await().atMost(BOUND).until(() -> !thread.isAlive());
        Thread fresh = timerThread(view());
        assertThat(fresh).isNotSameAs(thread);
        assertThat(created).hasSize(2);
    }

    @Test
    void closingAViewCancelsTheTimersItSet() throws Exception {
        Vertx closing = view();
        Vertx staying = view();
        long periodic = closing.setPeriodic(0, 10, id -> { });
        long oneShot = closing.setTimer(FAR, id -> { });
        long othersTimer = staying.setTimer(FAR, id -> { });

        closing.close();

        Vertx instance = created.get(0);
        assertThat(instance.cancelTimer(periodic)).as("periodic timer still set").isFalse();
        assertThat(instance.cancelTimer(oneShot)).as("one-shot timer still set").isFalse();
        assertThat(instance.cancelTimer(othersTimer)).as("the other view's timer still set").isTrue();
    }

    @Test
    void aViewCancelsOnlyItsOwnTimers() {
        Vertx owner = view();
        Vertx other = view();
        long timer = owner.setTimer(FAR, id -> { });
        other.setTimer(FAR, id -> { });

        assertThat(other.cancelTimer(timer)).isFalse();
        assertThat(owner.cancelTimer(timer)).isTrue();
        assertThat(owner.cancelTimer(timer)).isFalse();
    }

    @Test
    void aClosedViewSetsNoTimerAndTakesNoReference() {
        Vertx view = view();
        view.setTimer(FAR, id -> { });
        view.close();

        assertThat(view.setTimer(1, id -> { })).isEqualTo(VertxView.NO_TIMER);
        assertThat(view.setPeriodic(1, id -> { })).isEqualTo(VertxView.NO_TIMER);
        assertThatThrownBy(view::getOrCreateContext).isInstanceOf(IllegalStateException.class);
        assertThat(created).hasSize(1);
    }

    @Test
    void periodicTimersFirstFireOnAMultipleOfTheirPeriodSoThatAllClientsFireTogether() {
        for (long initialDelay : new long[] {0, 1, 499, 500, 1234}) {
            long before = nowMillis();
            long delay = VertxView.aligned(initialDelay, 500);
            long after = nowMillis();

            long least = Math.max(1, initialDelay);
            assertThat(delay).isBetween(least, least + 499);
            assertThat(LongStream.rangeClosed(before, after))
                    .anyMatch(now -> Math.floorMod(now + delay + VertxView.PHASE, 500) == 0);
        }
    }

    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    @Test
    void aViewThatIsNeverUsedCreatesNoInstance() {
        Vertx view = view();

        view.close();

        assertThat(created).isEmpty();
    }
}
