package io.weft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed keys: default when unset or blank, checked values, errors naming key and value. */
class ConfigKeyTest {

    @Test
    void unsetOrBlankKeyGivesItsDefault() {
        assertThat(WeftConfig.empty().get(WeftKeys.SERVER_THREADS)).isEqualTo(200);
        assertThat(WeftConfig.of(Map.of("weft.server.threads", "  ")).get(WeftKeys.SERVER_THREADS)).isEqualTo(200);
        assertThat(WeftConfig.empty().get(WeftKeys.HEARTBEAT_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
        assertThat(WeftConfig.empty().find(WeftKeys.SERVER_IDLE_TIMEOUT)).isEmpty();
        assertThat(WeftConfig.empty().get(WeftKeys.CLIENT_CLUSTER)).isEqualTo(ClusterStrategy.FAILOVER);
    }

    @Test
    void setValueIsTrimmedCheckedAndConverted() {
        WeftConfig c = WeftConfig.of(Map.of("weft.server.threads", " 8 ", "weft.server.tls", "REQUIRED",
                "weft.health.alpha", "0.25", "weft.client.cluster", "forking"));
        assertThat(c.get(WeftKeys.SERVER_THREADS)).isEqualTo(8);
        assertThat(c.get(WeftKeys.SERVER_TLS)).isEqualTo("required");
        assertThat(c.get(WeftKeys.HEALTH_ALPHA)).isEqualTo(0.25);
        assertThat(c.get(WeftKeys.CLIENT_CLUSTER)).isEqualTo(ClusterStrategy.FORKING);
    }

    @Test
    void environmentStyleKeyIsFoundByTheTypedGetter() {
        assertThat(WeftConfig.of(Map.of("weft.server.queue.size", "7")).get(WeftKeys.SERVER_QUEUE_SIZE)).isEqualTo(7);
    }

    @Test
    void badValueNamesKeyValueAndWhatWasExpected() {
        assertThatThrownBy(() -> WeftConfig.of(Map.of("weft.server.threads", "0")).get(WeftKeys.SERVER_THREADS))
                .isInstanceOf(WeftConfigException.class)
                .hasMessage("invalid configuration weft.server.threads='0': must be between 1 and 10000");
        assertThatThrownBy(() -> WeftConfig.of(Map.of("weft.server.dispatch", "inline")).get(WeftKeys.SERVER_DISPATCH))
                .hasMessage("invalid configuration weft.server.dispatch='inline': expected pool or direct");
        assertThatThrownBy(() -> WeftConfig.of(Map.of("weft.client.cluster", "x")).get(WeftKeys.CLIENT_CLUSTER))
                .hasMessageContaining("expected failover, failfast, failsafe, forking or broadcast");
    }

    @Test
    void blankContractNameIsAnErrorNotUnset() {
        assertThatThrownBy(() -> WeftConfig.of(Map.of(WeftConfig.APPLICATION, " ")))
                .isInstanceOf(WeftConfigException.class).hasMessageContaining("weft.application")
                .hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, "")))
                .hasMessageContaining("weft.registry.address");
    }

    @Test
    void secretIsTakenAsGivenAndNeverEchoed() {
        WeftConfig c = WeftConfig.of(Map.of("weft.security.token", " t0k "));
        assertThat(c.get(WeftKeys.SECURITY_TOKEN)).isEqualTo(" t0k ");
        ConfigKey<Integer> secretNumber = ConfigKey.integer("weft.x.token", 1, 0, 9, "test");
        assertThatThrownBy(() -> WeftConfig.of(Map.of("weft.x.token", "s3cr3t")).get(secretNumber))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").contains("****"));
    }

    @Test
    void customParserErrorsNameTheKey() {
        ConfigKey<String> hosts = ConfigKey.of("weft.x.hosts", String.class, null, "hosts", "test", raw -> {
            throw new IllegalArgumentException("not a host list");
        });
        assertThatThrownBy(() -> WeftConfig.of(Map.of("weft.x.hosts", "a b")).get(hosts))
                .hasMessage("invalid configuration weft.x.hosts='a b': not a host list");
    }

    @Test
    void documentedDefaultIsTheValueOrWhatTheReaderComputes() {
        assertThat(WeftKeys.SERVER_MAX_FRAME_BYTES.documentedDefault()).isEqualTo("8388608");
        assertThat(WeftKeys.HEALTH_STALL_FACTOR.documentedDefault()).isEqualTo("8");
        assertThat(WeftKeys.CLIENT_CLUSTER.documentedDefault()).isEqualTo("failover");
        assertThat(WeftKeys.SECURITY_TOKEN.documentedDefault()).isEqualTo("none");
        assertThat(WeftKeys.SERVER_IDLE_TIMEOUT.documentedDefault()).isEqualTo("3 × heartbeat");
        assertThat(WeftKeys.SERVER_IDLE_TIMEOUT.defaultValue()).isNull();
    }
}
