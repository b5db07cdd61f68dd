package io.weft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** weft.transport.io-threads sets how many event loops one Weft instance's connections share. */
class EventLoopCountTest {

    private static int eventLoops(Weft weft) {
        return ((SharedTransport) weft).transport().eventLoops();
    }

    @Test
    void ioThreadsSetsTheNumberOfSharedEventLoops() {
        try (Weft weft = Weft.builder(WeftConfig.of(Map.of("weft.transport.io-threads", "3"))).build()) {
            assertThat(eventLoops(weft)).isEqualTo(3);
        }
    }

    @Test
    void byDefaultThereIsOneEventLoopPerAvailableProcessor() {
        try (Weft weft = Weft.builder(WeftConfig.empty()).build()) {
            assertThat(eventLoops(weft)).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void aValueOutOfRangeFailsStartUpNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> Weft.builder(WeftConfig.of(Map.of("weft.transport.io-threads", "-1"))).build())
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.transport.io-threads").hasMessageContaining("-1");
    }
}
