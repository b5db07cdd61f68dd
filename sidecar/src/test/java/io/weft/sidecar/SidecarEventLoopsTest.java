package io.weft.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.WeftConfig;
import io.weft.internal.SharedTransport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A sidecar runs its weft/1 connections, its outbound port and its connections to the application on
 * one event loop unless weft.transport.io-threads says otherwise (no registry: nothing is announced).
 */
class SidecarEventLoopsTest {
    private static final List<String> ARGS = List.of("--app", "loops", "--port", "0", "--outbound-port", "0",
            "--app-url", "http://127.0.0.1:9", "--service", "demo.Echo");

    private static int eventLoops(Sidecar sidecar) {
        return ((SharedTransport) sidecar.weft()).transport().eventLoops();
    }

    @Test
    void aSidecarRunsOnOneEventLoopByDefault() {
        try (Sidecar sidecar = Sidecar.start(SidecarSettings.parse(ARGS, WeftConfig.empty()), WeftConfig.empty())) {
            assertThat(eventLoops(sidecar)).isEqualTo(1);
        }
    }

    @Test
    void ioThreadsSetForTheSidecarAreKept() {
        WeftConfig config = WeftConfig.of(Map.of("weft.transport.io-threads", "2"));
        try (Sidecar sidecar = Sidecar.start(SidecarSettings.parse(ARGS, config), config)) {
            assertThat(eventLoops(sidecar)).isEqualTo(2);
        }
    }
}
