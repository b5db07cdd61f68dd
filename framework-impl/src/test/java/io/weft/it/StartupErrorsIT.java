package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.OneWay;
import io.weft.ReferenceOptions;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration and bad service definitions fail with errors that name the problem. */
class StartupErrorsIT {

    @Test
    void unknownRegistrySchemeNamesTheKeyTheValueAndTheMissingModule() {
        assertThatThrownBy(() -> Weft.create(WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, "consul://h1:8500"))))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.registry.address")
                .hasMessageContaining("consul://h1:8500")
                .hasMessageContaining("registry-consul");
    }

    @Test
    void badServerSettingNamesTheKeyAndValue() {
        assertThatThrownBy(() -> Weft.create(WeftConfig.of(Map.of("weft.server.threads", "many"))))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.server.threads").hasMessageContaining("'many'");
    }

    @Test
    void portInUseFailsTheExportNamingTheAddressAndTheWeftStaysUsable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             Weft weft = Weft.create(WeftConfig.of(Map.of(WeftConfig.SERVER_HOST, "127.0.0.1",
                     WeftConfig.SERVER_PORT, Integer.toString(taken.getLocalPort()))))) {
            assertThatThrownBy(() -> weft.export(EchoService.class, new EchoServiceImpl("p")))
                    .hasMessageContaining("cannot listen on")
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
            assertThat(weft.serverAddress()).isEmpty();
        }
    }

    interface NotVoidOneWay {
        @OneWay
        String fire(String x);
    }

    @Test
    void oneWayOnANonVoidMethodIsRefusedOnBothSides() {
        try (Weft weft = Weft.create(WeftConfig.of(Map.of(WeftConfig.SERVER_HOST, "127.0.0.1",
                WeftConfig.SERVER_PORT, "0")))) {
            assertThatThrownBy(() -> weft.export(NotVoidOneWay.class, x -> x))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fire");
            assertThatThrownBy(() -> weft.reference(NotVoidOneWay.class,
                    ReferenceOptions.builder().directAddress("127.0.0.1:1").build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fire");
        }
    }

    @Test
    void referenceWithoutRegistryOrAddressSaysWhatIsMissing() {
        try (Weft weft = Weft.create(WeftConfig.empty())) {
            assertThatThrownBy(() -> weft.reference(EchoService.class))
                    .hasMessageContaining("weft.registry.address").hasMessageContaining("directAddress");
        }
    }

    @Test
    void exportingTheSameServiceTwiceIsRefusedAndTheFirstKeepsServing() {
        try (Weft provider = Nodes.provider(new EchoServiceImpl("p")); Weft consumer = Nodes.consumer()) {
            assertThatThrownBy(() -> provider.export(EchoService.class, new EchoServiceImpl("q")))
                    .hasMessageContaining("already exported");
            assertThat(Nodes.stub(consumer, provider).echo("x")).isEqualTo("x");
        }
    }
}
