package io.weft.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueueAdmissionTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LONG_DEADLINE = TimeUnit.SECONDS.toNanos(3);

    @Test
    void requestIsRefusedAtOnceWhenTheExpectedQueueWaitExceedsTheBound() {
        QueueAdmission q = new QueueAdmission(2, 300 * MS);
        q.served(100 * MS); // a request holds a thread 100 ms: the queue drains 20 a second
        int admitted = 0;
        while (q.refusal(LONG_DEADLINE) == null) {
            admitted++;
        }
        assertThat(admitted).isEqualTo(7); // 7 ahead × 100 ms / 2 threads = 350 ms > 300 ms
        assertThat(q.refusal(LONG_DEADLINE)).contains("requests queued").contains(ServerSettings.MAX_QUEUE_WAIT_MS);
    }

    @Test
    void requestWhoseDeadlineEndsBeforeItsTurnIsRefusedAtOnce() {
        QueueAdmission q = new QueueAdmission(1, 0);
        q.served(100 * MS);
        assertThat(q.refusal(LONG_DEADLINE)).isNull();
        assertThat(q.refusal(LONG_DEADLINE)).isNull();
        assertThat(q.refusal(150 * MS)).contains("more than the 150 ms left of the deadline");
    }

    @Test
    void requestThatWaitedLongerThanTheBoundIsReportedAtDequeue() {
        QueueAdmission q = new QueueAdmission(4, 300 * MS);
        assertThat(q.refusal(LONG_DEADLINE)).isNull();
        assertThat(q.dequeued(0, 301 * MS)).isTrue();
        assertThat(q.refusal(LONG_DEADLINE)).isNull();
        assertThat(q.dequeued(0, 299 * MS)).isFalse();
        assertThat(q.queued()).isZero();
    }

    @Test
    void noBoundAdmitsUntilTheDeadlineIsAtStake() {
        QueueAdmission q = new QueueAdmission(1, 0);
        q.served(MS);
        for (int i = 0; i < 1000; i++) {
            assertThat(q.refusal(LONG_DEADLINE)).isNull();
        }
    }
}
