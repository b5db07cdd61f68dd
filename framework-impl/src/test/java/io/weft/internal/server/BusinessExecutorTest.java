package io.weft.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.weft.WeftConfig;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class BusinessExecutorTest {

    private static BusinessExecutor executor(int threads, int capacity) {
        return new BusinessExecutor(threads, capacity, new DefaultThreadFactory("biz-test", true));
    }

    @Test
    void everyBusinessThreadRunsBeforeTheFirstRequestSoABurstStartsNoThreadOnTheEventLoop() throws Exception {
        BusinessExecutor executor = WeftServer.businessExecutor(
                ServerSettings.from(WeftConfig.of(Map.of(ServerSettings.THREADS, "8"))));
        try {
            assertThat(executor.poolSize()).isEqualTo(8);
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void directDispatchStartsNoBusinessThread() {
        assertThat(WeftServer.businessExecutor(ServerSettings.from(WeftConfig.of(
                Map.of(ServerSettings.THREADS, "8", ServerSettings.DISPATCH, "direct"))))).isNull();
    }

    @Test
    void tasksThatBlockDoNotHoldBackTheNextTask() throws Exception {
        withBlockedThreads(4, 100, 3, (executor, release) -> {
            CountDownLatch ran = new CountDownLatch(1);
            executor.execute(ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).as("the fourth thread took the next task").isTrue();
        });
    }

    @Test
    void aFullQueueRefusesAndAcceptsAgainOnceItDrains() throws Exception {
        withBlockedThreads(1, 2, 1, (executor, release) -> {
            CountDownLatch queuedRan = new CountDownLatch(2);
            executor.execute(queuedRan::countDown);
            executor.execute(queuedRan::countDown);
            assertThatThrownBy(() -> executor.execute(() -> { }))
                    .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("full (2)");
            release.countDown();
            assertThat(queuedRan.await(5, TimeUnit.SECONDS)).isTrue();
            CountDownLatch again = new CountDownLatch(1);
            executor.execute(again::countDown);
            assertThat(again.await(5, TimeUnit.SECONDS)).isTrue();
        });
    }

    @Test
    void handOffOnlyRefusesWhenEveryThreadIsBusy() throws Exception {
        withBlockedThreads(2, 0, 2, (executor, release) ->
                assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class));
    }

    @Test
    void manySubmittersRacingParkingThreadsLoseNoTask() throws Exception {
        int perSubmitter = 50_000;
        int submitters = 3;
        CountDownLatch done = new CountDownLatch(perSubmitter * submitters);
        LongAdder ran = new LongAdder();
        withExecutor(8, 1_000_000, executor -> {
            Thread[] threads = new Thread[submitters];
            for (int s = 0; s < submitters; s++) {
                threads[s] = new Thread(() -> {
                    for (int i = 0; i < perSubmitter; i++) {
                        executor.execute(() -> {
                            ran.increment();
                            done.countDown();
                        });
                        if (i % 64 == 0) {
                            Thread.yield(); // let threads run dry and park between bursts
                        }
                    }
                });
                threads[s].start();
            }
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).as("ran %s of %s", ran.sum(), perSubmitter * submitters)
                    .isTrue();
            assertThat(executor.queued()).isZero();
        });
    }

    @Test
    void anInterruptLeftByOneTaskDoesNotReachTheNext() throws Exception {
        withExecutor(1, 10, executor -> {
            runAndAwait(executor, () -> Thread.currentThread().interrupt()); // e.g. a call cancelled while it ran
            AtomicBoolean interrupted = new AtomicBoolean(true);
            runAndAwait(executor, () -> interrupted.set(Thread.currentThread().isInterrupted()));
            assertThat(interrupted.get()).isFalse();
        });
    }

    @Test
    void shutdownRunsWhatIsQueuedThenEndsEveryThread() throws Exception {
        BusinessExecutor executor = executor(2, 100);
        CountDownLatch ran = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            executor.execute(ran::countDown);
        }
        executor.shutdown();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(executor.poolSize()).isZero();
        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    /** What a test does with an executor. */
    private interface WithExecutor {
        void run(BusinessExecutor executor) throws Exception;
    }

    /** What a test does with an executor some of whose threads block until {@code release} counts down. */
    private interface WithBlocked {
        void run(BusinessExecutor executor, CountDownLatch release) throws Exception;
    }

    /** Runs {@code test} on an executor of {@code threads} threads and {@code capacity} queue places, then shuts it down. */
    private static void withExecutor(int threads, int capacity, WithExecutor test) throws Exception {
        BusinessExecutor executor = executor(threads, capacity);
        try {
            test.run(executor);
        } finally {
            executor.shutdown();
        }
    }

    /**
     * {@link #withExecutor} where {@code blocked} of the threads hold a task until {@code release}; they are released
     * before the executor shuts down.
     */
    private static void withBlockedThreads(int threads, int capacity, int blocked, WithBlocked test) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        withExecutor(threads, capacity, executor -> {
            try {
                block(executor, blocked, release);
                test.run(executor, release);
            } finally {
                release.countDown();
            }
        });
    }

    /** Runs {@code task} on {@code executor}; returns once it has run. */
    private static void runAndAwait(BusinessExecutor executor, Runnable task) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        executor.execute(() -> {
            task.run();
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    /** Runs {@code count} tasks that block until {@code release}; returns once all of them block. */
    private static void block(BusinessExecutor executor, int count, CountDownLatch release) throws Exception {
        CountDownLatch blocking = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            executor.execute(() -> {
                blocking.countDown();
                awaitQuietly(release);
            });
        }
        assertThat(blocking.await(5, TimeUnit.SECONDS)).as("%s tasks blocking at once", count).isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
