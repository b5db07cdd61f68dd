package io.weft.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.WeftConfig;
import io.weft.internal.testing.CountingSerialization;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** How much of the call path a stub's warm-up runs: rounds for the JVM's first stub, one after. */
class ClientWarmupTest {

    /** A service of two methods. */
    interface Greeter {
        String greet(String name);

        int count(String text);
    }

    /** Values encoded by {@code stubs} warm-ups of {@link Greeter} in one JVM, with a budget of {@code calls}. */
    private static int writesOfWarmups(int calls, int stubs) {
        CountingSerialization counting = new CountingSerialization();
        Map<Method, ClientMethod> methods = new HashMap<>();
        for (Method m : Greeter.class.getMethods()) {
            methods.put(m, new ClientMethod(Greeter.class.getName(), m, false, Duration.ofSeconds(5), "test"));
        }
        HealthSettings health = HealthSettings.from(WeftConfig.empty());
        AtomicBoolean roundsRun = new AtomicBoolean();
        for (int i = 0; i < stubs; i++) {
            ClientWarmup.run(Greeter.class.getName(), methods, counting, health, calls, roundsRun);
        }
        return counting.writes.get();
    }

    @Test
    void firstStubOfAJvmSendsAsManyRoundsOfEveryMethodAsTheBudgetHolds() {
        int oneRound = writesOfWarmups(0, 1);

        assertThat(oneRound).as("values encoded by one round of two methods").isGreaterThanOrEqualTo(2);
        assertThat(writesOfWarmups(120, 1)).as("3 calls a round (2 methods, 1 refused)").isEqualTo(40 * oneRound);
        assertThat(writesOfWarmups(122, 1)).as("a part round is not run").isEqualTo(40 * oneRound);
    }

    @Test
    void laterStubsOfTheJvmSendOneRound() {
        int oneRound = writesOfWarmups(0, 1);

        assertThat(writesOfWarmups(120, 3)).isEqualTo(40 * oneRound + 2 * oneRound);
    }
}
