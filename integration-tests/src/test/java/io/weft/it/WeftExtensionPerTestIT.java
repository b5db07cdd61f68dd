package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.spi.InstanceRole;
import io.weft.test.WeftExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * weft-test's extension on an instance field: each test gets a registry of its own, and what a test
 * started is gone before the next. The two tests do the same; whichever runs second would see the
 * other's rule and provider if the registry were shared.
 */
class WeftExtensionPerTestIT {
    private static final String SERVICE = EchoService.class.getName();

    @RegisterExtension
    final WeftExtension weft = WeftExtension.zooKeeper();

    @Test
    void oneTestSeesNothingOfTheOther() {
        startsOnAnEmptyRegistryAndLeavesARuleAndAProvider();
    }

    @Test
    void theOtherTestSeesNothingOfTheOne() {
        startsOnAnEmptyRegistryAndLeavesARuleAndAProvider();
    }

    private void startsOnAnEmptyRegistryAndLeavesARuleAndAProvider() {
        assertThat(weft.registry().getRule(SERVICE, "security")).isEmpty();
        assertThat(weft.registry().list(SERVICE, InstanceRole.PROVIDER)).isEmpty();

        weft.export(EchoService.class, new EchoServiceImpl("p1"));
        weft.putRule(SERVICE, "security", "{\"rules\":[]}");
        weft.awaitProviders(SERVICE, 1);
        assertThat(weft.newWeft("web").reference(EchoService.class).who()).isEqualTo("p1");
    }
}
