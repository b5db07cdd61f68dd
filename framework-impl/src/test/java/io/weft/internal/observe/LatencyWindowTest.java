package io.weft.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    @Test
    void p99IsWithinTheBucketResolutionOfTheTruth() {
        LatencyWindow window = new LatencyWindow();
        for (int i = 1; i <= 1000; i++) {
            window.record(TimeUnit.MICROSECONDS.toNanos(i * 100L)); // 0.1 ms .. 100 ms, uniform
        }
        assertThat(window.takeP99Millis()).isCloseTo(99.0, within(99.0 * 0.19));
    }

    @Test
    void takingTheWindowEmptiesIt() {
        LatencyWindow window = new LatencyWindow();
        window.record(TimeUnit.MILLISECONDS.toNanos(5));
        assertThat(window.takeP99Millis()).isGreaterThan(4.0);
        assertThat(window.takeP99Millis()).isZero();
    }

    @Test
    void everyDurationFallsInABucketWhoseUpperBoundHoldsIt() {
        for (long micros : new long[] {0, 1, 3, 4, 5, 7, 8, 9, 100, 1023, 1024, 123_456_789L, Long.MAX_VALUE / 1000}) {
            int b = LatencyWindow.bucket(micros);
            assertThat(LatencyWindow.upperMicros(b)).isGreaterThanOrEqualTo(micros);
            if (b > 0) {
                assertThat(LatencyWindow.upperMicros(b - 1)).isLessThan(micros);
            }
        }
    }
}
