package io.weft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** The health indicator follows the registry session: a real ZooKeeper stopped and restarted under a provider. */
class WeftHealthIT {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private TestingServer zooKeeper;
    private ConfigurableApplicationContext provider;

    @BeforeEach
    void start() throws Exception {
        zooKeeper = new TestingServer(true);
        provider = new SpringApplicationBuilder(GreeterProviderApp.class)
                .web(WebApplicationType.NONE)
                .properties("weft.registry.address=zookeeper://" + zooKeeper.getConnectString(),
                        "weft.application=health", "weft.server.host=127.0.0.1", "weft.server.port=0",
                        "spring.main.banner-mode=off")
                .run();
    }

    @AfterEach
    void stop() throws Exception {
        provider.close();
        zooKeeper.close();
    }

    @Test
    void healthIsDownNamingTheRegistryWhileZooKeeperIsStoppedAndUpAfterItsRestart() throws Exception {
        HealthIndicator weft = provider.getBean("weftHealthIndicator", HealthIndicator.class);
        await().atMost(BOUND).until(() -> weft.health(false).getStatus().equals(Status.UP));

        zooKeeper.stop();

        await().atMost(BOUND).untilAsserted(() -> {
            Health health = weft.health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(health.getDetails().get("reason")))
                    .contains("no registry session").contains(String.valueOf(zooKeeper.getPort()));
        });

        zooKeeper.restart();

        await().atMost(BOUND).untilAsserted(() -> {
            Health health = weft.health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).doesNotContainKey("reason");
        });
    }
}
