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

    private static int readsOfWarmups(int rounds, int exports) {
        CountingSerialization counting = new CountingSerialization();
        ServerSettings settings = ServerSettings.from(WeftConfig.of(Map.of(WeftKeys.TRANSPORT_WARMUP_ROUNDS.name(),
                Integer.toString(rounds))));
        ServerWarmup warmup = new ServerWarmup(counting, JsonSerialization.withDefaults(), settings, new AtomicBoolean());
        for (int i = 0; i < exports; i++) {
            warmup.run(Greeter.class);
        }
        return counting.reads.get();
    }

    @Test
    void firstExportOfAJvmServesTheConfiguredRoundsOfEveryMethod() {
        int oneRound = readsOfWarmups(1, 1);

        assertThat(oneRound).as("values decoded by one round of two methods").isGreaterThanOrEqualTo(2);
        assertThat(readsOfWarmups(40, 1)).isEqualTo(40 * oneRound);
    }

    @Test
    void laterExportsOfTheJvmServeOneRound() {
        int oneRound = readsOfWarmups(1, 1);

        assertThat(readsOfWarmups(40, 3)).isEqualTo(40 * oneRound + 2 * oneRound);
    }
}
