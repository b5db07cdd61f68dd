package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.Status;
import io.weft.Weft;
import io.weft.test.WeftExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** weft-test's extension on a real etcd member: the same discovery and rule helpers as on ZooKeeper. */
class WeftExtensionEtcdIT {
    private static final String SERVICE = EchoService.class.getName();

    @RegisterExtension
    static final WeftExtension weft = WeftExtension.etcd();

    @Test
    void providerIsDiscoveredAndARuleIsAppliedOnEtcd() {
        assertThat(weft.registryAddress()).startsWith("etcd://127.0.0.1:");
        try (Weft provider = weft.export(EchoService.class, new EchoServiceImpl("p1"))) {
            weft.awaitProviders(SERVICE, 1);
            EchoService echo = weft.newWeft("web").reference(EchoService.class);
            assertThat(echo.who()).isEqualTo("p1");

            long revision = weft.putRule(SERVICE, "security", """
                    {"rules":[{"action":"deny","match":{"methods":["echo"]}}]}""");
            weft.awaitApplied(SERVICE, "security", revision);
            assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.PERMISSION_DENIED);

            weft.deleteRule(SERVICE, "security");
            weft.awaitApplied(SERVICE, "security", 0);
            assertThat(echo.echo("y")).isEqualTo("y");
        }
    }
}
