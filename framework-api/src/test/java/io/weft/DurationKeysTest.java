package io.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every time-valued key of the catalogue takes durations under a unit-free name, and its 0.1 {@code -ms} name
 * keeps working as a deprecated alias. Derived from {@link WeftKeys#all()}, so a key added later is checked too.
 */
class DurationKeysTest {

    /** Duration keys added after 0.1: they never had a {@code -ms} name, so they have no alias. */
    private static final Set<String> WITHOUT_0_1_NAME = Set.of("weft.access-log.slow", "weft.access-log.flush");

    /** The duration keys that existed in 0.1 under a {@code -ms} name. */
    private static List<ConfigKey<Duration>> durationKeys() {
        List<ConfigKey<Duration>> keys = new ArrayList<>();
        for (ConfigKey<?> key : WeftKeys.all()) {
            if (key.type() == Duration.class && !WITHOUT_0_1_NAME.contains(key.name())) {
                @SuppressWarnings("unchecked")
                ConfigKey<Duration> d = (ConfigKey<Duration>) key;
                keys.add(d);
            }
        }
        return keys;
    }

    /** A value every key accepts: its minimum is at most 10 ms, so 2 s is always above it. */
    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

    @Test
    void everyMillisecondKeyIsTheDeprecatedAliasOfItsDurationTwin() {
        assertThat(durationKeys()).as("duration keys").hasSizeGreaterThanOrEqualTo(18);
        for (ConfigKey<?> key : WeftKeys.all()) {
            assertThat(key.name()).as("%s: name it without -ms (ConfigKey.duration) and keep the -ms name as"
                    + " .withDeprecatedAlias", key.name()).doesNotEndWith("-ms");
            for (String alias : key.deprecatedAliases()) {
                assertThat(alias).as("alias of %s", key.name()).isEqualTo(key.name() + "-ms");
                assertThat(key.type()).as("%s has a -ms alias", key.name()).isEqualTo(Duration.class);
            }
        }
        for (ConfigKey<Duration> key : durationKeys()) {
            assertThat(key.deprecatedAliases()).as("%s: the 0.1 name %s-ms keeps working", key.name(), key.name())
                    .containsExactly(key.name() + "-ms");
        }
        for (String name : WITHOUT_0_1_NAME) {
            ConfigKey<?> key = WeftKeys.all().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
            assertThat(key.type()).as(name).isEqualTo(Duration.class);
            assertThat(key.deprecatedAliases()).as("%s is new: no -ms name to keep", name).isEmpty();
            assertThat(WeftConfig.of(Map.of(name, "2s")).get(key)).as(name).isEqualTo(TWO_SECONDS);
        }
    }

    @Test
    void everyDurationKeyReadsUnitsUnderItsNameAndBareMillisecondsUnderItsAlias() {
        for (ConfigKey<Duration> key : durationKeys()) {
            String alias = key.deprecatedAliases().get(0);
            assertThat(WeftConfig.of(Map.of(key.name(), "2s")).get(key)).as(key.name()).isEqualTo(TWO_SECONDS);
            assertThat(WeftConfig.of(Map.of(key.name(), "2000")).get(key)).as(key.name()).isEqualTo(TWO_SECONDS);
            assertThat(WeftConfig.of(Map.of(alias, "2000")).get(key)).as(alias).isEqualTo(TWO_SECONDS);
            assertThat(WeftConfig.of(Map.of(alias, "2s")).get(key)).as(alias).isEqualTo(TWO_SECONDS);
            assertThat(WeftConfig.of(Map.of(key.name(), "2s", alias, "2000")).get(key)).as("equal values under both")
                    .isEqualTo(TWO_SECONDS);
            assertThat(WeftConfig.empty().get(key)).as("default of " + key.name()).isEqualTo(key.defaultValue());
            assertThat(WeftConfig.of(Map.of(WeftConfig.environmentName(key.name()).toLowerCase().replace('_', '.'),
                    "2s")).get(key)).as("environment-style name of " + key.name()).isEqualTo(TWO_SECONDS);
        }
    }

    @Test
    void differentValuesUnderBothNamesFailNamingBoth() {
        for (ConfigKey<Duration> key : durationKeys()) {
            String alias = key.deprecatedAliases().get(0);
            WeftConfig both = WeftConfig.empty().with("weft.application", "a");
            Map<String, String> values = new java.util.HashMap<>(both.asMap());
            values.put(key.name(), "2s");
            values.put(alias, "3000");
            assertThatThrownBy(() -> WeftConfig.of(values).get(key)).as(key.name())
                    .isInstanceOf(WeftConfigException.class)
                    .hasMessageContaining(key.name() + "='2s'").hasMessageContaining(alias + "='3000'")
                    .hasMessageContaining("set only " + key.name());
        }
    }

    @Test
    void settingOneNameWithWithReplacesTheOther() {
        WeftConfig fromNew = WeftConfig.of(Map.of("weft.client.timeout", "3s"));
        assertThat(fromNew.with("weft.client.timeout-ms", "500").clientTimeout()).isEqualTo(Duration.ofMillis(500));
        WeftConfig fromOld = WeftConfig.of(Map.of("weft.client.timeout-ms", "500"));
        assertThat(fromOld.with("weft.client.timeout", "1m").clientTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(fromOld.with("weft.client.timeout", null).clientTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void getMillisByEitherNameReadsBothNames() {
        WeftConfig c = WeftConfig.of(Map.of("weft.registry.session-timeout", "4s"));
        assertThat(c.getMillis("weft.registry.session-timeout-ms", 10_000, 1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.getMillis("weft.registry.session-timeout", 10_000, 1)).isEqualTo(Duration.ofSeconds(4));
        WeftConfig plugin = WeftConfig.of(Map.of("weft.plugin.poll", "1.5s"));
        assertThat(plugin.getMillis("weft.plugin.poll-ms", 100, 1)).isEqualTo(Duration.ofMillis(1500));
        assertThat(WeftConfig.empty().getMillis("weft.plugin.poll-ms", 100, 1)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void bothNamesAreKnownToTheUnknownKeyWarning() {
        WeftConfig c = WeftConfig.of(Map.of("weft.client.timeout", "1s", "weft.server.shutdown-timeout-ms", "5",
                "weft.client.timout", "1s"));
        assertThat(c.unknownKeyWarnings()).containsExactly(
                "unknown configuration key 'weft.client.timout' (did you mean 'weft.client.timeout'?)");
    }
}
