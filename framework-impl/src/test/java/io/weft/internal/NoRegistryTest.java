package io.weft.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ServiceInstance;
import io.weft.WeftConfig;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.spi.RuleValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without weft.registry.address a Weft runs on direct addresses: nothing announced, no rules, no discovery. */
class NoRegistryTest {

    @Test
    void noAddressConfiguredOpensTheNoRegistry() {
        assertThat(Registries.open(WeftConfig.empty())).isSameAs(NoRegistry.INSTANCE);
    }

    @Test
    void registrationIsKeptLocallyAndNobodySeesIt() {
        ServiceInstance provider = ServiceInstance.provider("a.B", "app", "127.0.0.1", 20880);
        Registry.Registration r = NoRegistry.INSTANCE.register(InstanceRole.PROVIDER, provider);
        r.update(provider.withWeight(5));

        assertThat(r.instance().weight()).isEqualTo(5);
        assertThat(NoRegistry.INSTANCE.list("a.B", InstanceRole.PROVIDER)).isEmpty();
        assertThat(NoRegistry.INSTANCE.services()).isEmpty();
        r.close();
    }

    @Test
    void watchesSeeNoInstancesAndNoRulesAtOnce() {
        List<List<ServiceInstance>> lists = new ArrayList<>();
        List<Optional<RuleValue>> rules = new ArrayList<>();
        NoRegistry.INSTANCE.watch("a.B", InstanceRole.PROVIDER, lists::add).close();
        NoRegistry.INSTANCE.watchRule("a.B", "routing", rules::add).close();

        assertThat(lists).containsExactly(List.of());
        assertThat(rules).containsExactly(Optional.empty());
    }

    @Test
    void writingRulesFailsNamingTheMissingKey() {
        assertThatThrownBy(() -> NoRegistry.INSTANCE.putRule("a.B", "routing", "{}", -1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("weft.registry.address");
        assertThatThrownBy(() -> NoRegistry.INSTANCE.appendAudit("{}"))
                .hasMessageContaining("weft.registry.address");
    }

    @Test
    void consumerFactoryMakesAPortlessWeightlessInstance() {
        ServiceInstance c = ServiceInstance.consumer("a.B", "h:1:1", "web", "h");
        assertThat(c.port()).isZero();
        assertThat(c.weight()).isZero();
        assertThat(c.instanceId()).isEqualTo("h:1:1");
        assertThat(c.application()).isEqualTo("web");
        assertThat(c.serializations()).containsExactly("hessian2");
        assertThat(c.startedAt()).isPositive();
    }
}
