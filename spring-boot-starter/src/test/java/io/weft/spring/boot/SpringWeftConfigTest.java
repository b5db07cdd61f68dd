package io.weft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.WeftKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SpringWeftConfigTest {
    private static StandardEnvironment environment(Map<String, Object> properties, Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource("test-env", variables));
        return environment;
    }

    @Test
    void kebabCamelCaseAndEnvironmentVariableFormsSetTheSameKeys() {
        WeftConfig config = SpringWeftConfig.from(environment(
                Map.of("weft.client.timeoutMs", "1500", "weft.server.max-frame-bytes", "4096"),
                Map.of("WEFT_REGISTRY_ADDRESS", "zookeeper://127.0.0.1:2181", "WEFT_CLIENT_RETRIES", "1")));

        assertThat(config.clientTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.get(WeftKeys.SERVER_MAX_FRAME_BYTES)).isEqualTo(4096);
        assertThat(config.registryAddress()).hasValueSatisfying(a -> assertThat(a.scheme()).isEqualTo("zookeeper"));
        assertThat(config.get(WeftKeys.CLIENT_RETRIES)).isEqualTo(1);
    }

    @Test
    void applicationPropertiesWinOverEnvironmentVariables() {
        WeftConfig config = SpringWeftConfig.from(environment(
                Map.of("weft.client.retries", "3"), Map.of("WEFT_CLIENT_RETRIES", "1")));

        assertThat(config.get(WeftKeys.CLIENT_RETRIES)).isEqualTo(3);
    }

    @Test
    void durationsTakeUnitsUnderTheNewNameAndTheHigherSourceWinsWhicheverNameItUses() {
        assertThat(SpringWeftConfig.from(environment(Map.of("weft.client.timeout", "1.5s"), Map.of()))
                .clientTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(SpringWeftConfig.from(environment(Map.of("weft.client.timeout", "2s"),
                Map.of("WEFT_CLIENT_TIMEOUT_MS", "700"))).clientTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(SpringWeftConfig.from(environment(Map.of("weft.client.timeout-ms", "700"),
                Map.of("WEFT_CLIENT_TIMEOUT", "2s"))).clientTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(SpringWeftConfig.from(environment(Map.of(), Map.of("WEFT_HEARTBEAT_INTERVAL", "${beat:1m}")))
                .get(WeftKeys.HEARTBEAT_INTERVAL)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void bothNamesInOneSourceWithDifferentValuesFailNamingBoth() {
        assertThatThrownBy(() -> SpringWeftConfig.from(environment(
                Map.of("weft.client.timeout", "2s", "weft.client.timeoutMs", "700"), Map.of())))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.client.timeout='2s'").hasMessageContaining("weft.client.timeout-ms='700'");
    }

    @Test
    void configFileIsReadBelowTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("weft.properties"),
                "weft.client.timeout-ms=900\nweft.client.retries=0\nweft.server.threads=7\n");
        WeftConfig config = SpringWeftConfig.from(environment(
                Map.of("weft.config.file", file.toString(), "weft.client.timeout", "4s"),
                Map.of("WEFT_CLIENT_RETRIES", "1")));
        assertThat(config.clientTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.get(WeftKeys.CLIENT_RETRIES)).isEqualTo(1);
        assertThat(config.get(WeftKeys.SERVER_THREADS)).isEqualTo(7);

        assertThatThrownBy(() -> SpringWeftConfig.from(environment(
                Map.of("weft.config.file", dir.resolve("missing").toString()), Map.of())))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.config.file='" + dir.resolve("missing") + "'");
    }

    @Test
    void keysOutsideTheCatalogueReachWeftForItsUnknownKeyWarning() {
        WeftConfig config = SpringWeftConfig.from(environment(Map.of("weft.client.timout-ms", "10"), Map.of()));

        assertThat(config.unknownKeyWarnings()).singleElement().asString()
                .contains("weft.client.timout-ms").contains("weft.client.timeout-ms");
    }

    @Test
    void badValueOfAnyCatalogueKeyFailsAtOnceNamingTheKey() {
        assertThatThrownBy(() -> SpringWeftConfig.from(environment(Map.of("weft.health.alpha", "lots"), Map.of())))
                .isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.health.alpha")
                .hasMessageContaining("lots");
    }
}
