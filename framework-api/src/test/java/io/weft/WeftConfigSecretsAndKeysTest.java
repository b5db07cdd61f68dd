package io.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** DESIGN §7: secrets never printed; a key under {@code weft.} that nothing knows is reported. */
class WeftConfigSecretsAndKeysTest {

    @Test
    void toStringMasksPasswordsTokensAndSecretsButShowsOtherValues() {
        WeftConfig c = WeftConfig.of(Map.of(
                "weft.security.token", "tok-123",
                "weft.console.password", "hunter2",
                "weft.registry.password", "zk-pass",
                "weft.tls.key-password", "kp",
                "weft.sidecar.client-secret", "s3",
                WeftConfig.APPLICATION, "web"));
        String printed = c.toString();
        assertThat(printed).doesNotContain("tok-123", "hunter2", "zk-pass", "=kp", "s3")
                .contains("weft.security.token=****", "weft.console.password=****", "weft.application=web");
    }

    @Test
    void badValueOfASecretKeyDoesNotEchoTheSecret() {
        assertThatThrownBy(() -> WeftConfig.of(Map.of("weft.x.token", "s3cr3t")).getInt("weft.x.token", 1, 0, 9))
                .hasMessageContaining("weft.x.token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").contains("****"));
    }

    @Test
    void misspelledKeyIsReportedWithTheClosestKnownKey() {
        WeftConfig c = WeftConfig.of(Map.of("weft.client.timout-ms", "500", WeftConfig.APPLICATION, "web"));
        assertThat(c.unknownKeyWarnings()).containsExactly(
                "unknown configuration key 'weft.client.timout-ms' (did you mean 'weft.client.timeout-ms'?)");
    }

    @Test
    void keyFarFromEveryKnownKeyIsReportedWithoutASuggestion() {
        assertThat(WeftConfig.of(Map.of("weft.frobnicate.everything", "1")).unknownKeyWarnings())
                .containsExactly("unknown configuration key 'weft.frobnicate.everything' (no part of Weft reads it)");
    }

    @Test
    void contractKeysOfEveryModuleAndKeysListedByModulesAreKnown() {
        WeftConfig c = WeftConfig.of(Map.ofEntries(
                Map.entry(WeftConfig.REGISTRY_ADDRESS, "zookeeper://127.0.0.1:2181"),
                Map.entry("weft.registry.username", "u"), Map.entry("weft.registry.password", "p"),
                Map.entry("weft.registry.tls.trust-file", "ca.pem"), Map.entry("weft.registry.tls.key-file", "k.pem"), Map.entry("weft.admin.port", "0"),
                Map.entry("weft.access-log", "true"), Map.entry("weft.sidecar.app-url", "http://127.0.0.1:8080"),
                Map.entry("weft.console.password", "pw"),
                Map.entry("weft.testmodule.pool-size", "4"), Map.entry("weft.testplugin.anything", "x"),
                Map.entry("other.key", "not under weft.")));
        assertThat(c.unknownKeyWarnings()).isEmpty();
    }

    @Test
    void environmentStyleSpellingOfAKnownKeyIsKnown() {
        // WEFT_CLIENT_TIMEOUT_MS read from the environment without a matching file key becomes dotted
        assertThat(WeftConfig.of(Map.of("weft.client.timeout.ms", "1")).unknownKeyWarnings()).isEmpty();
    }
}
