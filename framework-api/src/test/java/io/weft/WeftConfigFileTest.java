package io.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft.config.file}: an external properties file between the environment and the class path file. */
class WeftConfigFileTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty(WeftConfig.CONFIG_FILE);
        System.clearProperty("weft.client.timeout-ms");
        System.clearProperty("weft.client.timeout");
    }

    private Path file(String... lines) throws IOException {
        return Files.write(dir.resolve("weft.properties"), String.join("\n", lines).getBytes());
    }

    @Test
    void fileNamedBySystemPropertyOverridesTheClassPathFile() throws IOException {
        // src/test/resources/weft.properties: application=from-file, weft.client.timeout-ms=1500
        System.setProperty(WeftConfig.CONFIG_FILE, file("weft.application=from-config-file",
                "weft.client.timeout=2.5s", "weft.heartbeat.interval=1m").toString());
        WeftConfig c = WeftConfig.load();
        assertThat(c.application()).contains("from-config-file");
        assertThat(c.clientTimeout()).as("the file's unit-free name hides the class path's -ms name")
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(c.get(WeftKeys.HEARTBEAT_INTERVAL)).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.serializationAllow()).as("keys the file does not set still come from the class path")
                .containsExactly("com.example.model.", "org.acme.");
    }

    @Test
    void systemPropertyUnderEitherNameOverridesTheFile() throws IOException {
        System.setProperty(WeftConfig.CONFIG_FILE, file("weft.client.timeout=2s").toString());
        System.setProperty("weft.client.timeout-ms", "250");
        assertThat(WeftConfig.load().clientTimeout()).isEqualTo(Duration.ofMillis(250));
        System.clearProperty("weft.client.timeout-ms");
        System.setProperty("weft.client.timeout", "750ms");
        assertThat(WeftConfig.load().clientTimeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void oneSourceSettingBothNamesDifferentlyFailsNamingBoth() throws IOException {
        System.setProperty(WeftConfig.CONFIG_FILE, file("weft.client.timeout=2s", "weft.client.timeout-ms=500")
                .toString());
        assertThatThrownBy(WeftConfig::load).isInstanceOf(WeftConfigException.class)
                .hasMessageContaining("weft.client.timeout='2s'").hasMessageContaining("weft.client.timeout-ms='500'");
    }

    @Test
    void missingFileFailsNamingTheKeyAndThePath() {
        Path missing = dir.resolve("nope.properties");
        System.setProperty(WeftConfig.CONFIG_FILE, missing.toString());
        assertThatThrownBy(WeftConfig::load).isInstanceOf(WeftConfigException.class)
                .hasMessage("cannot read the configuration file weft.config.file='" + missing + "' (" + missing
                        + "): no such file");
    }

    @Test
    void directoryOrUnreadableFileFailsNamingThePath() throws IOException {
        System.setProperty(WeftConfig.CONFIG_FILE, dir.toString());
        assertThatThrownBy(WeftConfig::load).isInstanceOf(WeftConfigException.class)
                .hasMessageStartingWith("cannot read the configuration file weft.config.file='" + dir + "'");
    }

    @Test
    void relativePathIsResolvedAgainstTheWorkingDirectoryInTheMessage() {
        System.setProperty(WeftConfig.CONFIG_FILE, "conf/missing.properties");
        assertThatThrownBy(WeftConfig::load)
                .hasMessageContaining("weft.config.file='conf/missing.properties' ("
                        + Path.of("conf/missing.properties").toAbsolutePath() + "): no such file");
    }

    @Test
    void badValueInTheFileNamesTheKeyAndTheValue() throws IOException {
        System.setProperty(WeftConfig.CONFIG_FILE, file("weft.client.timeout=soon").toString());
        assertThatThrownBy(WeftConfig::load).isInstanceOf(WeftConfigException.class)
                .hasMessageStartingWith("invalid configuration weft.client.timeout='soon': not a duration; expected");
    }
}
