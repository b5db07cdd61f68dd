package io.weft.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.WeftConfig;
import io.weft.WeftKeys;
import io.weft.internal.serialization.JsonSerialization;
import io.weft.internal.testing.CountingSerialization;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** How much of the request path an export's warm-up runs: rounds for the JVM's first export, one after. */
class ServerWarmupTest {

    /** A service of two methods, each with an argument to decode. */
    interface Greeter {
        String greet(String name);

        int count(String text);
    }

    /** Values decoded by {@code exports} warm-ups of {@link Greeter} in one JVM, with a budget of {@code calls}. */
    private static int readsOfWarmups(int calls, int exports) {
        CountingSerialization counting = new CountingSerialization();
        ServerSettings settings = ServerSettings.from(WeftConfig.of(Map.of(WeftKeys.TRANSPORT_WARMUP_CALLS.name(),
                Integer.toString(calls))));
        ServerWarmup warmup = new ServerWarmup(counting, JsonSerialization.withDefaults(), settings, new AtomicBoolean());
        for (int i = 0; i < exports; i++) {
            warmup.run(Greeter.class);
        }
        return counting.reads.get();
    }

    @Test
    void firstExportOfAJvmServesAsManyRoundsOfEveryMethodAsTheBudgetHolds() {
        int oneRound = readsOfWarmups(0, 1);

        assertThat(oneRound).as("values decoded by one round of two methods").isGreaterThanOrEqualTo(2);
        assertThat(readsOfWarmups(120, 1)).as("3 requests a round (2 methods, 1 refused)").isEqualTo(40 * oneRound);
        assertThat(readsOfWarmups(122, 1)).as("a part round is not run").isEqualTo(40 * oneRound);
    }

    @Test
    void laterExportsOfTheJvmServeOneRound() {
        int oneRound = readsOfWarmups(0, 1);

        assertThat(readsOfWarmups(120, 3)).isEqualTo(40 * oneRound + 2 * oneRound);
    }
}
