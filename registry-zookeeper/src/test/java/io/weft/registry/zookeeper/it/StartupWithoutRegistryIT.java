package io.weft.registry.zookeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.registry.tests.Greeting;
import io.weft.registry.tests.GreetingImpl;
import io.weft.registry.zookeeper.ZooKeeperRegistryFactory;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** A consumer that starts before its ZooKeeper, and the start-up checks that keep the strict behaviour. */
class StartupWithoutRegistryIT {

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static WeftConfig config(String address, String... settings) {
        WeftConfig c = WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, address, WeftConfig.APPLICATION, "web",
                WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.SERVER_PORT, "0",
                ZooKeeperRegistryFactory.CONNECT_TIMEOUT_MS, "500"));
        for (int i = 0; i < settings.length; i += 2) {
            c = c.with(settings[i], settings[i + 1]);
        }
        return c;
    }

    @Test
    void consumerStartedBeforeTheRegistryWorksOnceTheRegistryAppears() throws Exception {
        int port = freePort();
        String address = "zookeeper://127.0.0.1:" + port;
        try (Weft consumer = Weft.create(config(address))) {
            Greeting greeting = consumer.reference(Greeting.class);
            assertThatThrownBy(() -> greeting.greet("early"))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.status()).isEqualTo(Status.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("registry at " + address + " not reachable yet");
                    });

            try (TestingServer zookeeper = new TestingServer(port, true);
                 Weft provider = Weft.create(config(address))) {
                provider.export(Greeting.class, new GreetingImpl("p1"));
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> "Hello, Ada".equals(greeting.greet("Ada")));
            }
        }
    }

    @Test
    void withCheckStartUpFailsWhenTheRegistryIsUnreachable() throws Exception {
        String address = "zookeeper://127.0.0.1:" + freePort();
        assertThatThrownBy(() -> Weft.create(config(address, ZooKeeperRegistryFactory.CHECK, "true")))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("cannot reach ZooKeeper");
                });
    }

    @Test
    void unresolvableRegistryHostIsReportedAsUnknownHost() {
        assertThatThrownBy(() -> Weft.create(config("zookeeper://no-such-host.invalid:2181")))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.getMessage()).contains("unknown host no-such-host.invalid");
                    assertThat(e.getCause()).isNull();
                });
    }
}
