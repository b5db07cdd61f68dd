package io.weft.internal.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weft.WeftConfig;
import io.weft.internal.serialization.Hessian2Serialization;
import io.weft.internal.server.ServerSettings;
import io.weft.internal.server.WeftServer;
import io.weft.internal.transport.Transport;
import io.weft.rule.SecurityRule.ConnectionLimits;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-IP connection state on a real server: it lives only as long as the IP's connections. */
class PerIpConnectionStateIT {

    @Test
    void perIpStateIsDroppedWhenTheLastConnectionCloses() throws Exception {
        ConnectionGuard guard = new ConnectionGuard(() -> new ConnectionLimits(2, 100));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (Transport transport = new Transport(1)) {
            WeftServer server = new WeftServer(transport, ServerSettings.from(WeftConfig.empty()),
                    new Hessian2Serialization(List.of()), List.of(), guard);
            int port = server.start("127.0.0.1", 0).getPort();
            try {
                List<Socket> sockets = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    sockets.add(new Socket("127.0.0.1", port));
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> guard.openConnections(loopback) == 2);
                assertThat(guard.trackedIps()).isEqualTo(1);

                for (Socket s : sockets) {
                    s.close();
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> guard.trackedIps() == 0);
            } finally {
                server.shutdown(Duration.ofSeconds(1));
            }
        }
    }
}
