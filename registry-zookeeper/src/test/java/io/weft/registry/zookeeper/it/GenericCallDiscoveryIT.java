package io.weft.registry.zookeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.ExportOptions;
import io.weft.GenericReference;
import io.weft.GenericRequest;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import io.weft.registry.tests.Greeting;
import io.weft.registry.tests.GreetingImpl;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.test.WeftExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generic (JSON) calls find their providers through a real ZooKeeper and obey the same rules as
 * typed calls: routing picks the subset, consumer throttling refuses, and a node that lists no
 * {@code json} is never called.
 */
class GenericCallDiscoveryIT {
    private static final String SERVICE = Greeting.class.getName();

    @RegisterExtension
    final WeftExtension zooKeeper = WeftExtension.zooKeeper(); // a registry per test: tests count nodes, write rules

    private Weft node(String application) {
        return zooKeeper.newWeft(application, "weft.status.interval-ms", "60000");
    }

    private Registry admin() {
        return zooKeeper.registry();
    }

    private void provider(String name, String env) {
        node("greeting").export(Greeting.class, new GreetingImpl(name), ExportOptions.builder().tag("env", env).build());
    }

    @Test
    void genericCallThroughDiscoveryFollowsTheRoutingRule() {
        provider("stable-1", "stable");
        provider("canary-1", "canary");
        GenericReference greeting = node("web").genericReference(SERVICE, ReferenceOptions.defaults());
        assertThat(greeting.call("greet", "[\"Ada\"]")).isEqualTo("\"Hello, Ada\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> admin().list(SERVICE, InstanceRole.PROVIDER).size() == 2);
        assertThat(admin().list(SERVICE, InstanceRole.PROVIDER)).allSatisfy(
                i -> assertThat(i.serializations()).containsExactly("hessian2", "json"));
        assertThat(admin().list(SERVICE, InstanceRole.CONSUMER)).singleElement()
                .satisfies(i -> assertThat(i.serializations()).containsExactly("json"));

        admin().putRule(SERVICE, "routing", """
                {"routes":[{"name":"beta","match":{"metadata":{"tier":"beta"}},
                            "destinations":[{"subset":{"env":"canary"},"weight":100}]},
                           {"name":"default","destinations":[{"subset":{"env":"stable"},"weight":100}]}]}""", 0);
        GenericRequest beta = GenericRequest.builder("who").metadata("tier", "beta").build();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> plain = new HashSet<>();
            Set<String> betas = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                plain.add(greeting.call("who", "[]"));
                betas.add(greeting.callAsync(beta).join());
            }
            assertThat(plain).containsExactly("\"stable-1\"");
            assertThat(betas).containsExactly("\"canary-1\"");
        });
    }

    @Test
    void consumerThrottlingRefusesGenericCallsUntilTheRuleIsDeleted() {
        provider("p1", "stable");
        GenericReference greeting = node("web").genericReference(SERVICE, ReferenceOptions.defaults());
        assertThat(greeting.call("greet", "[\"Ada\"]")).isEqualTo("\"Hello, Ada\"");
        long revision = admin().putRule(SERVICE, "throttling", """
                {"limits":[{"name":"generic","side":"consumer","match":{"methods":["greet"]},"qps":0.01,"burst":1}]}""",
                0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> {
            greeting.call("greet", "[\"a\"]");
            greeting.call("greet", "[\"b\"]");
        }).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.status()).isEqualTo(Status.RESOURCE_EXHAUSTED)));
        assertThat(greeting.call("who", "[]")).isEqualTo("\"p1\""); // other methods are not matched
        admin().deleteRule(SERVICE, "throttling", revision);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int i = 0; i < 5; i++) {
                assertThat(greeting.call("greet", "[\"c\"]")).isEqualTo("\"Hello, c\"");
            }
        });
    }

    @Test
    void providerWhoseNodeListsNoJsonIsNotCalled() {
        provider("json-1", "stable");
        // a provider whose node lists only hessian2 (written by hand for a process outside the registry)
        Weft unregistered = zooKeeper.track(Weft.create(WeftConfig.of(Map.of(WeftConfig.SERVER_HOST, "127.0.0.1",
                WeftConfig.SERVER_PORT, "0", WeftConfig.APPLICATION, "greeting"))));
        unregistered.export(Greeting.class, new GreetingImpl("hessian-only"));
        int port = unregistered.serverAddress().orElseThrow().getPort();
        admin().register(InstanceRole.PROVIDER, ServiceInstance.provider(SERVICE, "greeting", "127.0.0.1", port)
                .withSerializations(List.of("hessian2")));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin().list(SERVICE, InstanceRole.PROVIDER).size() == 2);
        Weft web = node("web");
        GenericReference greeting = web.genericReference(SERVICE, ReferenceOptions.defaults());
        for (int i = 0; i < 20; i++) {
            assertThat(greeting.call("who", "[]")).isEqualTo("\"json-1\"");
        }
        // a typed reference (hessian2 first) does call it
        Greeting typed = web.reference(Greeting.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                seen.add(typed.who());
            }
            assertThat(seen).contains("hessian-only");
        });
    }
}
