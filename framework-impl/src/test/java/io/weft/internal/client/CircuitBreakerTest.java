package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.rule.ThrottlingRule;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final long SECOND = 1_000_000_000L;
    // 50 % failures over at least 4 calls in a 10 s window opens it for 5 s.
    private final CircuitBreaker breaker = new CircuitBreaker(new ThrottlingRule.CircuitBreaker(50, 4, 10, 5));
    private long now = 1_000 * SECOND;

    @Test
    void staysClosedBelowTheMinimumNumberOfCalls() {
        for (int i = 0; i < 3; i++) {
            breaker.record(true, now);
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.allow(now)).isTrue();
    }

    @Test
    void opensAtTheFailureRateThenLetsOneTrialThroughAfterTheOpenPeriod() {
        breaker.record(false, now);
        breaker.record(false, now);
        breaker.record(true, now);
        breaker.record(true, now); // 2 of 4 = 50 %
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.allow(now + 4 * SECOND)).isFalse();

        assertThat(breaker.allow(now + 5 * SECOND)).isTrue(); // the trial
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.allow(now + 5 * SECOND)).isFalse(); // one trial at a time
        breaker.record(true, now + 5 * SECOND);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThat(breaker.allow(now + 10 * SECOND)).isTrue();
        breaker.record(false, now + 10 * SECOND);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.allow(now + 10 * SECOND)).isTrue();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        breaker.record(true, now);
        breaker.record(true, now);
        now += 11 * SECOND;
        breaker.record(false, now);
        breaker.record(false, now);
        breaker.record(true, now); // 1 of 3 in the window
        breaker.record(false, now); // 1 of 4 = 25 %
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
