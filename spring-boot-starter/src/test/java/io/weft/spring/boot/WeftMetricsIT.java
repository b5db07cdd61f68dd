package io.weft.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.weft.micrometer.WeftMetrics;
import io.weft.test.WeftExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An application with its own {@link MeterRegistry} bean calling itself through a real ZooKeeper. */
@SpringBootTest(classes = WeftMetricsIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WeftMetricsIT {
    private static final String GREETER = Greeter.class.getName();

    @RegisterExtension
    static final WeftExtension zooKeeper = WeftExtension.zooKeeper();

    @DynamicPropertySource
    static void weft(DynamicPropertyRegistry properties) {
        WeftStarterIT.weftProperties(properties, zooKeeper, "metered");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({GreeterProviderApp.GreeterImpl.class, Registry.class})
    static class App {
        @WeftReference(timeout = "10s")
        Greeter greeter;
    }

    /** The application's registry, from a configuration of its own (see docs/spring-boot.md#metrics). */
    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        SimpleMeterRegistry applicationRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    App app;

    @Autowired
    MeterRegistry registry;

    @Test
    void callsAreTimedInTheApplicationsMeterRegistryOnBothSides() {
        zooKeeper.awaitProviders(GREETER, 1);

        assertThat(app.greeter.greet("Ada")).isEqualTo("Hello, Ada");

        // the provider records its side once the response is written, possibly after the caller has it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(timer("weft.client.requests")).isNotNull();
            assertThat(timer("weft.client.requests").count()).isPositive();
            assertThat(timer("weft.server.requests")).isNotNull();
            assertThat(timer("weft.server.requests").count()).isPositive();
        });
    }

    private Timer timer(String name) {
        return registry.find(name).tags("service", GREETER, "method", "greet", "status", "OK").timer();
    }

    @Test
    void processWidePrometheusRegistryIsNotFedWhenTheApplicationsRegistryIsUsed() {
        zooKeeper.awaitProviders(GREETER, 1);

        app.greeter.greet("Grace");

        assertThat(WeftMetrics.prometheusRegistry().find("weft.client.requests").tag("service", GREETER).timer())
                .isNull();
    }
}
