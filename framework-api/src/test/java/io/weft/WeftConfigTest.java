package io.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WeftConfigTest {

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty("weft.client.timeout-ms");
        System.clearProperty("weft.application");
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        WeftConfig c = WeftConfig.empty();
        assertThat(c.namespace()).isEqualTo("weft");
        assertThat(c.serverPort()).isEqualTo(20880);
        assertThat(c.clientTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.registryAddress()).isEmpty();
        assertThat(c.application()).isEmpty();
        assertThat(c.serializationAllow()).isEmpty();
    }

    @Test
    void classPathFileIsReadAndSystemPropertiesWinOverIt() {
        // src/test/resources/weft.properties sets application=from-file and timeout 1500
        WeftConfig fromFile = WeftConfig.load();
        assertThat(fromFile.application()).contains("from-file");
        assertThat(fromFile.clientTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(fromFile.serializationAllow()).containsExactly("com.example.model.", "org.acme.");

        System.setProperty("weft.client.timeout-ms", "250");
        System.setProperty("weft.application", "from-system");
        WeftConfig overridden = WeftConfig.load();
        assertThat(overridden.clientTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(overridden.application()).contains("from-system");
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertThat(WeftConfig.environmentName("weft.registry.address")).isEqualTo("WEFT_REGISTRY_ADDRESS");
        assertThat(WeftConfig.environmentName("weft.client.timeout-ms")).isEqualTo("WEFT_CLIENT_TIMEOUT_MS");
    }

    @Test
    void registryAddressIsParsedIntoSchemeAndEndpoints() {
        WeftConfig c = WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, "zookeeper://h1:2181, h2:2182"));
        RegistryAddress a = c.registryAddress().orElseThrow();
        assertThat(a.scheme()).isEqualTo("zookeeper");
        assertThat(a.endpoints()).containsExactly("h1:2181", "h2:2182");
        assertThat(a.connectString()).isEqualTo("h1:2181,h2:2182");
        assertThat(RegistryAddress.parse("ETCD://127.0.0.1:2379").scheme()).isEqualTo("etcd");
    }

    @Test
    void badValuesFailNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, "http")))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.server.port").hasMessageContaining("'http'");
        assertThatThrownBy(() -> WeftConfig.of(Map.of(WeftConfig.SERVER_PORT, "70000")))
                .hasMessageContaining("weft.server.port").hasMessageContaining("70000")
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> WeftConfig.of(Map.of(WeftConfig.CLIENT_TIMEOUT_MS, "-5")))
                .hasMessageContaining("weft.client.timeout-ms").hasMessageContaining("-5");
        assertThatThrownBy(() -> WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, "localhost:2181")))
                .hasMessageContaining("weft.registry.address").hasMessageContaining("localhost:2181");
        assertThatThrownBy(() -> WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, "zookeeper://h1:notaport")))
                .hasMessageContaining("h1:notaport");
        assertThatThrownBy(() -> WeftConfig.of(Map.of(WeftConfig.REGISTRY_NAMESPACE, "a/b")))
                .hasMessageContaining("weft.registry.namespace").hasMessageContaining("a/b");
        assertThatThrownBy(() -> WeftConfig.of(Map.of(WeftConfig.APPLICATION, "  ")))
                .hasMessageContaining("weft.application");
    }

    @Test
    void typedGettersCheckExtensionKeys() {
        WeftConfig c = WeftConfig.of(Map.of("weft.x.count", "12", "weft.x.ms", "abc", "weft.x.flag", "yes"));
        assertThat(c.getInt("weft.x.count", 1, 0, 100)).isEqualTo(12);
        assertThat(c.getInt("weft.x.missing", 7, 0, 100)).isEqualTo(7);
        assertThatThrownBy(() -> c.getMillis("weft.x.ms", 10, 1))
                .hasMessageContaining("weft.x.ms").hasMessageContaining("'abc'");
        assertThatThrownBy(() -> c.getBoolean("weft.x.flag", false))
                .hasMessageContaining("weft.x.flag").hasMessageContaining("'yes'");
    }

    @Test
    void withReturnsAChangedCopy() {
        WeftConfig base = WeftConfig.empty();
        WeftConfig changed = base.with(WeftConfig.SERVER_PORT, "0");
        assertThat(changed.serverPort()).isZero();
        assertThat(base.serverPort()).isEqualTo(20880);
        assertThat(changed.with(WeftConfig.SERVER_PORT, null).serverPort()).isEqualTo(20880);
        assertThat(List.copyOf(changed.asMap().keySet())).containsExactly(WeftConfig.SERVER_PORT);
    }
}
