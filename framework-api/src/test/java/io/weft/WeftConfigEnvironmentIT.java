package io.weft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment is a source between system properties and the files (weft.config.file, weft.properties). */
class WeftConfigEnvironmentIT {

    private static List<String> probe(List<String> jvmArgs, String... env) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmArgs);
        command.add(ConfigProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("WEFT_"));
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return List.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\R"));
    }

    @Test
    void environmentVariablesOverrideTheFileAndSystemPropertiesOverrideThem() throws Exception {
        List<String> fromEnv = probe(List.of(),
                "WEFT_REGISTRY_ADDRESS", "zookeeper://env-host:2181",
                "WEFT_CLIENT_TIMEOUT_MS", "777",
                "WEFT_REGISTRY_SESSION_TIMEOUT_MS", "4000");
        assertThat(fromEnv).contains("address=zookeeper://env-host:2181", "timeout=777", "application=from-file",
                "extension=4000");

        List<String> fromSystem = probe(List.of("-Dweft.client.timeout-ms=55"),
                "WEFT_CLIENT_TIMEOUT_MS", "777");
        assertThat(fromSystem).contains("timeout=55");
    }

    @Test
    void configFileFromTheEnvironmentSitsBelowEnvironmentVariablesAndAboveTheClassPathFile(@TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(dir.resolve("app.properties"),
                "weft.client.timeout=2s\nweft.application=from-config-file\nweft.registry.session-timeout=6s\n");
        assertThat(probe(List.of(), "WEFT_CONFIG_FILE", file.toString()))
                .contains("timeout=2000", "application=from-config-file");
        assertThat(probe(List.of(), "WEFT_CONFIG_FILE", file.toString(), "WEFT_CLIENT_TIMEOUT_MS", "777"))
                .as("a variable under the old name hides the file's new name").contains("timeout=777");
        assertThat(probe(List.of("-Dweft.client.timeout=1m"), "WEFT_CONFIG_FILE", file.toString(),
                "WEFT_CLIENT_TIMEOUT_MS", "777")).contains("timeout=60000");
        assertThat(probe(List.of(), "WEFT_CONFIG_FILE", dir.resolve("missing.properties").toString()))
                .anySatisfy(line -> assertThat(line).contains("WeftConfigException: cannot read the configuration"
                        + " file weft.config.file='" + dir.resolve("missing.properties") + "'"));
    }
}
