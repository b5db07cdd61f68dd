package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.Status;
import io.weft.Weft;
import io.weft.test.WeftExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** weft-test's extension on a real embedded ZooKeeper: discovery between in-process instances, rules applied. */
class WeftExtensionIT {
    private static final String SERVICE = EchoService.class.getName();
    private static final String DENY_ECHO = """
            {"rules":[{"action":"deny","match":{"methods":["echo"]}}]}""";

    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper().withTimeout(Duration.ofSeconds(10));

    @Test
    void aConsumerDiscoversAnExportedProviderThroughTheRegistry() {
        assertThat(weft.registryAddress()).startsWith("zookeeper://127.0.0.1:");
        try (Weft provider = weft.export(EchoService.class, new EchoServiceImpl("p1"))) {
            weft.awaitProviders(SERVICE, 1);
            EchoService echo = weft.newWeft("web").reference(EchoService.class);

            assertThat(echo.who()).isEqualTo("p1");
            assertThat(provider.serverAddress()).isPresent();
        }
        weft.awaitProviders(SERVICE, 0);
    }

    @Test
    void awaitAppliedReturnsOnceEveryInstanceReportsTheRevisionAndTheRuleIsInForce() {
        try (Weft first = weft.export(EchoService.class, new EchoServiceImpl("p1"));
             Weft second = weft.export(EchoService.class, new EchoServiceImpl("p2"))) {
            EchoService echo = weft.newWeft("web").reference(EchoService.class);
            weft.awaitProviders(SERVICE, 2);

            long revision = weft.putRule(SERVICE, "security", DENY_ECHO);
            weft.awaitApplied(SERVICE, "security", revision);

            for (int i = 0; i < 10; i++) {
                assertThat(Outcomes.of(() -> echo.echo("x"))).isEqualTo(Status.PERMISSION_DENIED);
            }
            assertThat(echo.who()).isIn("p1", "p2");

            assertThat(weft.deleteRule(SERVICE, "security")).isTrue();
            weft.awaitApplied(SERVICE, "security", 0);
            assertThat(echo.echo("allowed again")).isEqualTo("allowed again");
        } finally {
            weft.deleteRule(SERVICE, "security");
        }
    }

    @Test
    void awaitAppliedOfARuleThatFailsValidationTimesOutNamingWhatEachInstanceReports() {
        try (Weft provider = weft.export(EchoService.class, new EchoServiceImpl("p1"))) {
            weft.awaitProviders(SERVICE, 1);
            long bad = weft.putRule(SERVICE, "security", "{\"defaultAction\":\"maybe\",\"rules\":[]}");

            // the timeout message names the rule and what the provider reports (no rule: 0)
            assertThatThrownBy(() -> weft.awaitApplied(SERVICE, "security", bad))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("rule " + SERVICE + "/security at revision " + bad)
                    .hasMessageContaining("=0");
        } finally {
            weft.deleteRule(SERVICE, "security");
        }
    }

    @Test
    void instancesMadeOutsideTheTestClassLifetimeAreRefusedWithAClearMessage() {
        WeftExtension unregistered = WeftExtension.zooKeeper();

        assertThatThrownBy(() -> unregistered.newWeft("web"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("@RegisterExtension");
        assertThatThrownBy(() -> weft.config("web", "odd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key, value pairs");
    }
}
