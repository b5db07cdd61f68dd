package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.test.WeftExtension;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code weft.client.check}: fail at reference time instead of at the first call. */
class CheckIT {
    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();

    @Test
    void checkedReferenceFailsFastWhenNoProviderShowsUp() {
        try (Weft consumer = weft.newWeft("echo-consumer", "weft.client.check", "true",
                "weft.client.connect-timeout-ms", "300")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> consumer.reference(EchoService.class))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(Status.UNAVAILABLE))
                    .hasMessageContaining("no provider showed up");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void checkedReferenceFailsWhenTheDirectAddressRefusesConnections() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (Weft consumer = weft.newWeft("echo-consumer")) {
            assertThatThrownBy(() -> consumer.reference(EchoService.class, ReferenceOptions.builder()
                    .directAddress("127.0.0.1:" + closedPort).check(true).build()))
                    .isInstanceOf(RpcException.class).hasMessageContaining("accepted a connection");
        }
    }

    @Test
    void uncheckedReferenceIsLazyAndCheckedOneSucceedsWithAProvider() {
        try (Weft consumer = weft.newWeft("echo-consumer")) {
            assertThat(consumer.reference(EchoService.class)).isNotNull();
            try (Weft provider = weft.export(EchoService.class, new EchoServiceImpl("p"))) {
                EchoService checked = consumer.reference(EchoService.class, ReferenceOptions.builder().check(true).build());
                assertThat(checked.who()).isEqualTo("p");
            }
        }
    }
}
