package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StallWatchTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long T0 = 1_000_000 * MS;

    private static StallWatch warmedUp(long responseNanos) {
        StallWatch w = new StallWatch(250 * MS, 8);
        for (int i = 0; i < StallWatch.MIN_ANSWERS; i++) {
            w.answered(responseNanos);
        }
        return w;
    }

    @Test
    void callOutstandingWithNothingReadPastTheFloorIsOverdue() {
        StallWatch w = warmedUp(MS);
        w.sent(T0);
        assertThat(w.overdue(T0 + 200 * MS, true)).isFalse();
        assertThat(w.overdue(T0 + 260 * MS, true)).isTrue();
        assertThat(w.overdue(T0 + 260 * MS, false)).as("nothing outstanding").isFalse();
    }

    @Test
    void anyReadAfterTheSendMeansTheProviderIsAlive() {
        StallWatch w = warmedUp(MS);
        w.sent(T0);
        w.read();
        assertThat(w.overdue(T0 + 10_000 * MS, true)).isFalse();
        w.sent(T0 + 10_000 * MS); // the clock restarts with the first call after the read
        assertThat(w.overdue(T0 + 10_200 * MS, true)).isFalse();
        assertThat(w.overdue(T0 + 10_300 * MS, true)).isTrue();
    }

    @Test
    void slowProviderIsOverdueOnlyAfterSeveralTimesItsNormalResponseTime() {
        StallWatch w = warmedUp(100 * MS);
        w.sent(T0);
        assertThat(w.overdue(T0 + 700 * MS, true)).isFalse();
        assertThat(w.overdue(T0 + 900 * MS, true)).isTrue();
    }

    @Test
    void coldConnectionIsNotSuspected() {
        StallWatch w = new StallWatch(250 * MS, 8);
        w.answered(MS);
        w.sent(T0);
        assertThat(w.overdue(T0 + 5_000 * MS, true)).isFalse();
    }
}
