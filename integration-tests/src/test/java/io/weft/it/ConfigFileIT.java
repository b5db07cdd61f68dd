package io.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.WeftConfigException;
import io.weft.test.WeftExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Weft.create()} with {@code -Dweft.config.file=…}: the registry address and a duration with a unit come
 * from the file; a system property under the old {@code -ms} name overrides the file's new name.
 */
class ConfigFileIT {
    @RegisterExtension
    static final WeftExtension weft = WeftExtension.zooKeeper();

    /** Longer than the file's timeout (300ms), shorter than the default (3s) and the override (10s). */
    private static final long SLEEP_MS = 1500;

    @TempDir
    Path dir;

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty(WeftConfig.CONFIG_FILE);
        System.clearProperty("weft.client.timeout-ms");
    }

    private Path configFile() throws IOException {
        return Files.writeString(dir.resolve("consumer.properties"), String.join("\n",
                "weft.application=config-file-consumer",
                "weft.registry.address=" + weft.registryAddress(),
                "weft.client.timeout=300ms", ""));
    }

    @Test
    void weftStartedWithAConfigFileFindsProvidersThroughItsRegistryAndAppliesItsTimeout() throws IOException {
        weft.export(EchoService.class, new EchoServiceImpl("p"));
        System.setProperty(WeftConfig.CONFIG_FILE, configFile().toString());
        try (Weft consumer = Weft.create()) {
            // First call with a long deadline of its own: discovery and the first connection are not timed here.
            EchoService warm = consumer.reference(EchoService.class,
                    ReferenceOptions.builder().timeout(Duration.ofSeconds(30)).build());
            assertThat(warm.echo("hi")).as("the provider was found through the file's registry").isEqualTo("hi");
            EchoService echo = consumer.reference(EchoService.class);
            assertThatThrownBy(() -> echo.sleep(SLEEP_MS)).as("the file's weft.client.timeout=300ms applies")
                    .isInstanceOfSatisfying(RpcException.class,
                            e -> assertThat(e.status()).isEqualTo(Status.DEADLINE_EXCEEDED));
        }
    }

    @Test
    void systemPropertyUnderTheOldNameOverridesTheFilesNewName() throws IOException {
        weft.export(EchoService.class, new EchoServiceImpl("p"));
        System.setProperty(WeftConfig.CONFIG_FILE, configFile().toString());
        System.setProperty("weft.client.timeout-ms", "10000");
        try (Weft consumer = Weft.create()) {
            assertThat(consumer.reference(EchoService.class).sleep(SLEEP_MS)).isNotNull();
        }
    }

    @Test
    void missingConfigFileStopsStartUpNamingThePath() {
        Path missing = dir.resolve("missing.properties");
        System.setProperty(WeftConfig.CONFIG_FILE, missing.toString());
        assertThatThrownBy(Weft::create).isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.config.file='" + missing + "'").hasMessageContaining("no such file");
    }
}
