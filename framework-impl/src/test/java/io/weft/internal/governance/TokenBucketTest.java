package io.weft.internal.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a fake ticker: bursts, refill at the rate, and the capacity as a ceiling. */
class TokenBucketTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static int drain(TokenBucket bucket) {
        int taken = 0;
        while (bucket.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    @Test
    void fullBucketGivesExactlyItsCapacityAsABurstThenRefuses() {
        TokenBucket bucket = new TokenBucket(10, 5, nanos::get);
        assertThat(drain(bucket)).isEqualTo(5);
        assertThat(bucket.tryAcquire()).isFalse();
    }

    @Test
    void tokensComeBackAtTheRateAsTheTickerAdvances() {
        TokenBucket bucket = new TokenBucket(10, 5, nanos::get);
        drain(bucket);

        advance(Duration.ofMillis(99));
        assertThat(bucket.tryAcquire()).as("0.99 of a token after 99 ms at 10/s").isFalse();
        advance(Duration.ofMillis(1));
        assertThat(bucket.tryAcquire()).as("one token after 100 ms at 10/s").isTrue();
        assertThat(bucket.tryAcquire()).isFalse();

        advance(Duration.ofMillis(300));
        assertThat(drain(bucket)).isEqualTo(3);
    }

    @Test
    void aLongQuietPeriodRefillsNoMoreThanTheCapacity() {
        TokenBucket bucket = new TokenBucket(10, 5, nanos::get);
        drain(bucket);
        advance(Duration.ofHours(1));
        assertThat(drain(bucket)).isEqualTo(5);
    }

    @Test
    void capacityBelowOneStillAllowsOneToken() {
        TokenBucket bucket = new TokenBucket(0.001, 0, nanos::get);
        assertThat(drain(bucket)).isEqualTo(1);
        advance(Duration.ofSeconds(999));
        assertThat(bucket.tryAcquire()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(bucket.tryAcquire()).isTrue();
    }
}
