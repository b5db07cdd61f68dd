package io.weft.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Login throttling: per client with backoff, trusted browsers, a global cap, bounded memory. */
class ConsoleAuthTest {
    private static final String RIGHT = "right";
    private final MutableClock clock = new MutableClock();
    private final ConsoleAuth auth = new ConsoleAuth(RIGHT, clock);

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(auth.login(address, null, "guess " + i)).isInstanceOf(ConsoleAuth.LoginResult.WrongPassword.class);
        }
    }

    @Test
    void trustedBrowserGetsInWithTheRightPasswordWhileOthersBehindItsAddressAreThrottled() {
        ConsoleAuth.LoginResult.Success first = (ConsoleAuth.LoginResult.Success) auth.login("10.0.0.1", null, RIGHT);
        fail("10.0.0.1", ConsoleAuth.MAX_FAILURES); // someone else behind the same NAT guesses
        assertThat(auth.login("10.0.0.1", null, RIGHT)).isInstanceOf(ConsoleAuth.LoginResult.Throttled.class);

        assertThat(auth.login("10.0.0.1", first.deviceToken(), RIGHT)).isInstanceOf(ConsoleAuth.LoginResult.Success.class);
        // a made-up device token is no way around the address's wait
        assertThat(auth.login("10.0.0.1", "forged", RIGHT)).isInstanceOf(ConsoleAuth.LoginResult.Throttled.class);
    }

    @Test
    void throttledClientIsCheckedAgainAfterAGrowingBackoffAndTheRightPasswordThenWorks() {
        fail("10.0.0.2", ConsoleAuth.MAX_FAILURES);
        ConsoleAuth.LoginResult.Throttled t = (ConsoleAuth.LoginResult.Throttled) auth.login("10.0.0.2", null, RIGHT);
        assertThat(t.retryAfter()).isEqualTo(ConsoleAuth.BASE_BACKOFF);

        clock.advance(ConsoleAuth.BASE_BACKOFF);
        fail("10.0.0.2", 1);
        t = (ConsoleAuth.LoginResult.Throttled) auth.login("10.0.0.2", null, "refused unchecked, not counted");
        assertThat(t.retryAfter()).isEqualTo(ConsoleAuth.BASE_BACKOFF.multipliedBy(2));

        for (int i = 0; i < 10; i++) { // the wait doubles up to the cap, never beyond
            clock.advance(ConsoleAuth.MAX_BACKOFF);
            fail("10.0.0.2", 1);
        }
        t = (ConsoleAuth.LoginResult.Throttled) auth.login("10.0.0.2", null, RIGHT);
        assertThat(t.retryAfter()).isEqualTo(ConsoleAuth.MAX_BACKOFF);

        clock.advance(ConsoleAuth.MAX_BACKOFF);
        assertThat(auth.login("10.0.0.2", null, RIGHT)).isInstanceOf(ConsoleAuth.LoginResult.Success.class);
        assertThat(auth.trackedClients()).isZero();
    }

    @Test
    void failuresSpreadOverManyAddressesTriggerAGlobalBackoff() {
        for (int i = 0; i <= ConsoleAuth.GLOBAL_MAX_FAILURES; i++) {
            fail("192.168.0." + i, 1);
        }
        ConsoleAuth.LoginResult fresh = auth.login("172.16.0.1", null, "guess");
        assertThat(fresh).isInstanceOf(ConsoleAuth.LoginResult.Throttled.class);
        assertThat(((ConsoleAuth.LoginResult.Throttled) fresh).retryAfter()).isEqualTo(ConsoleAuth.GLOBAL_BACKOFF);

        clock.advance(ConsoleAuth.GLOBAL_BACKOFF);
        assertThat(auth.login("172.16.0.1", null, RIGHT)).isInstanceOf(ConsoleAuth.LoginResult.Success.class);
    }

    @Test
    void failureRecordsAreEvictedWhenOldAndTheTableStaysBounded() {
        for (int i = 0; i < ConsoleAuth.MAX_TRACKED + 100; i++) {
            if (i > 0 && i % 90 == 0) {
                clock.advance(ConsoleAuth.GLOBAL_WINDOW); // stay under the global cap (12 minutes in all)
            }
            fail("a" + i, 1);
        }
        assertThat(auth.trackedClients()).isEqualTo(ConsoleAuth.MAX_TRACKED);

        clock.advance(ConsoleAuth.FAILURE_WINDOW.plus(Duration.ofSeconds(1)));
        fail("fresh", 1);
        assertThat(auth.trackedClients()).isEqualTo(1);
    }
}
