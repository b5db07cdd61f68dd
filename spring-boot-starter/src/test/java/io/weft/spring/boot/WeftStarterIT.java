package io.weft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weft.test.WeftExtension;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A provider application ({@code @SpringBootTest}) and consumer applications (their own contexts) with only the
 * starter, on a real embedded ZooKeeper.
 */
@SpringBootTest(classes = GreeterProviderApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WeftStarterIT {
    private static final String GREETER = Greeter.class.getName();

    @RegisterExtension
    static final WeftExtension zooKeeper = WeftExtension.zooKeeper();

    @DynamicPropertySource
    static void weft(DynamicPropertyRegistry properties) {
        weftProperties(properties, zooKeeper, "greeter-provider");
    }

    /** The registry of {@code zooKeeper}, {@code application} and a server on a free loopback port. */
    static void weftProperties(DynamicPropertyRegistry properties, WeftExtension zooKeeper, String application) {
        properties.add("weft.registry.address", zooKeeper::registryAddress);
        properties.add("weft.application", () -> application);
        properties.add("weft.server.host", () -> "127.0.0.1");
        properties.add("weft.server.port", () -> "0");
    }

    @Autowired
    Map<String, HealthIndicator> healthIndicators;

    private static ConfigurableApplicationContext start(Class<?> application, String... properties) {
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties("weft.registry.address=" + zooKeeper.registryAddress(), "weft.server.host=127.0.0.1",
                        "weft.server.port=0", "spring.main.banner-mode=off")
                .properties(properties)
                .run();
    }

    @Test
    void consumerApplicationCallsTheProviderApplicationThroughZooKeeperByFieldAndConstructorStubs() {
        zooKeeper.awaitProviders(GREETER, 1);
        try (ConfigurableApplicationContext consumer = start(GreeterConsumerApp.class, "weft.application=web")) {
            GreeterConsumerApp.Greetings greetings = consumer.getBean(GreeterConsumerApp.Greetings.class);

            assertThat(greetings.byConstructor().greet("Ada")).isEqualTo("Hello, Ada");
            assertThat(greetings.byField.greet("Grace")).isEqualTo("Hello, Grace");
        }
    }

    @Test
    void providerRegistersWithTheVersionAndResolvedTagsOfItsAnnotation() {
        zooKeeper.awaitProviders(GREETER, 1);
        assertThat(zooKeeper.registry().list(GREETER, io.weft.spi.InstanceRole.PROVIDER))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.version()).isEqualTo("1.0");
                    assertThat(i.tags()).containsEntry("zone", "eu");
                });
    }

    @Test
    void closingTheProviderContextUnregistersItsInstance() {
        zooKeeper.awaitProviders(GREETER, 1);
        ConfigurableApplicationContext second = start(GreeterProviderApp.class, "weft.application=second");
        zooKeeper.awaitProviders(GREETER, 2);

        second.close();

        zooKeeper.awaitProviders(GREETER, 1);
    }

    @Test
    void badPropertyValueStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> start(GreeterProviderApp.class, "weft.application=bad",
                "weft.client.retries=many"))
                .rootCause()
                .hasMessageContaining("weft.client.retries")
                .hasMessageContaining("many");
    }

    @Test
    void healthIsUpWithEveryExportRegistered() {
        zooKeeper.awaitProviders(GREETER, 1);
        HealthIndicator weft = healthIndicators.get("weftHealthIndicator");

        Health health = weft.health(true);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("exports")).isEqualTo(Map.of(GREETER, "registered"));
    }

    @Test
    void healthIsDownAndTheInstanceUnregisteredOnceTheContextStops() {
        zooKeeper.awaitProviders(GREETER, 1);
        try (ConfigurableApplicationContext second = start(GreeterProviderApp.class, "weft.application=stopping")) {
            zooKeeper.awaitProviders(GREETER, 2);
            HealthIndicator weft = second.getBean("weftHealthIndicator", HealthIndicator.class);
            assertThat(weft.health(false).getStatus()).isEqualTo(Status.UP);

            second.stop();

            assertThat(weft.health(false).getStatus()).isEqualTo(Status.DOWN);
            zooKeeper.awaitProviders(GREETER, 1);
        }
    }

    @Test
    void referencesStillCallWhileTheWebServerPhaseStops() {
        zooKeeper.awaitProviders(GREETER, 1);
        ConfigurableApplicationContext consumer = start(LateCaller.class, "weft.application=late");
        LateCaller caller = consumer.getBean(LateCaller.class);

        consumer.close();

        assertThat(caller.answer.get()).isEqualTo("Hello, during shutdown");
    }

    /** Calls Weft from a lifecycle stopping in the web server's phase, as a request drained on shutdown would. */
    @org.springframework.boot.SpringBootConfiguration
    @org.springframework.boot.autoconfigure.EnableAutoConfiguration
    static class LateCaller {
        final AtomicReference<String> answer = new AtomicReference<>();

        @WeftReference(timeout = "10s")
        Greeter greeter;

        @Bean
        SmartLifecycle webServerLike() {
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    running = true;
                }

                @Override
                public void stop() {
                    answer.set(greeter.greet("during shutdown"));
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }

                @Override
                public int getPhase() {
                    return SmartLifecycle.DEFAULT_PHASE - 2048;
                }
            };
        }
    }
}
