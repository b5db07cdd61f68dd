package io.weft.registry.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.RpcException;
import io.weft.ServiceInstance;
import io.weft.Status;
import io.weft.Weft;
import io.weft.registry.support.InstanceJson;
import io.weft.spi.InstanceRole;
import io.weft.spi.Registry;
import io.weft.test.WeftExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules written into a real registry change real calls, and go away when deleted: one suite,
 * subclassed per backend with the address of a running server.
 */
public abstract class GovernanceContract {
    private static final String SERVICE = Greeting.class.getName();

    private final WeftExtension registry;
    private Registry admin;
    private final List<Weft> nodes = new ArrayList<>();

    /**
     * The suite on {@code registry}.
     *
     * @param registry a {@link WeftExtension} on a static {@code @RegisterExtension} field of the subclass
     */
    protected GovernanceContract(WeftExtension registry) {
        this.registry = registry;
    }

    @BeforeEach
    void start() {
        admin = registry.registry();
        for (String kind : List.of("routing", "throttling", "faults", "security")) {
            admin.deleteRule(SERVICE, kind, -1); // the registry is shared between tests
        }
    }

    @AfterEach
    void stop() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    private Weft node(String application) {
        Weft weft = Weft.create(registry.config(application, "weft.status.interval-ms", "60000"));
        nodes.add(weft);
        return weft;
    }

    private Greeting providerAndConsumer() {
        node("greeting").export(Greeting.class, new GreetingImpl("p1"));
        Greeting greeting = node("web").reference(Greeting.class);
        assertThat(greeting.greet("Ada")).isEqualTo("Hello, Ada");
        return greeting;
    }

    private List<ServiceInstance> instances(InstanceRole role) {
        return admin.list(SERVICE, role);
    }

    @Test
    void consumerAbortFaultFailsCallsUntilTheRuleIsDeleted() {
        Greeting greeting = providerAndConsumer();
        long revision = admin.putRule(SERVICE, "faults", """
                {"faults":[{"name":"down","side":"consumer","match":{"methods":["greet"]},
                            "abort":{"status":"UNAVAILABLE","percent":100,"message":"injected by test"}}]}""", 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> greeting.greet("x")).isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("injected by test");
                }));
        assertThat(greeting.who()).isEqualTo("p1"); // other methods are not matched
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(instances(InstanceRole.CONSUMER)).singleElement()
                        .satisfies(i -> assertThat(i.appliedRules()).containsEntry("faults", revision)));

        admin.deleteRule(SERVICE, "faults", revision);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(greeting.greet("y")).isEqualTo("Hello, y"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(instances(InstanceRole.CONSUMER)).singleElement()
                        .satisfies(i -> assertThat(i.appliedRules()).doesNotContainKey("faults")));
    }

    @Test
    void consumerQpsLimitThrottlesUntilRemoved() {
        Greeting greeting = providerAndConsumer();
        long revision = admin.putRule(SERVICE, "throttling",
                "{\"limits\":[{\"name\":\"client\",\"side\":\"consumer\",\"qps\":0.01,\"burst\":1}]}", 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> {
                    greeting.greet("a");
                    greeting.greet("b");
                }).isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.RESOURCE_EXHAUSTED)));
        admin.deleteRule(SERVICE, "throttling", revision);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int i = 0; i < 5; i++) {
                assertThat(greeting.greet("c")).isEqualTo("Hello, c");
            }
        });
    }

    @Test
    void invalidRuleInTheRegistryKeepsThePreviousBehaviourAndShowsInStatus() {
        Greeting greeting = providerAndConsumer();
        long good = admin.putRule(SERVICE, "faults", """
                {"faults":[{"side":"consumer","match":{"methods":["who"]},
                            "abort":{"status":"PERMISSION_DENIED","percent":100}}]}""", 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(greeting::who).isInstanceOf(RpcException.class));
        // An operator's script writes a broken rule straight into the registry (the SPI does not validate).
        admin.putRule(SERVICE, "faults",
                "{\"faults\":[{\"side\":\"upstream\",\"abort\":{\"status\":\"NOPE\",\"percent\":300}}]}", good);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ServiceInstance consumer = instances(InstanceRole.CONSUMER).get(0);
            assertThat(consumer.status().ruleErrors().get("faults"))
                    .contains("faults[0].side").contains("faults[0].abort.status").contains("faults[0].abort.percent");
            assertThat(consumer.appliedRules()).containsEntry("faults", good);
            ServiceInstance provider = instances(InstanceRole.PROVIDER).get(0);
            assertThat(provider.status().ruleErrors()).containsKey("faults");
        });
        assertThatThrownBy(greeting::who).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.status()).isEqualTo(Status.PERMISSION_DENIED));
        assertThat(greeting.greet("still")).isEqualTo("Hello, still");
        // the node JSON carries the error for tools that read it directly
        String json = new String(InstanceJson.encode(instances(InstanceRole.CONSUMER).get(0)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"ruleErrors\":{\"faults\":");
    }

    @Test
    void providerSecurityRuleDeniesAnAppUntilDeleted() {
        Greeting greeting = providerAndConsumer();
        long revision = admin.putRule(SERVICE, "security", """
                {"defaultAction":"allow","rules":[{"action":"deny","match":{"consumerApps":["web"],"methods":["greet"]}}]}""",
                0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> greeting.greet("x")).isInstanceOfSatisfying(RpcException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.PERMISSION_DENIED)));
        assertThat(greeting.who()).isEqualTo("p1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(instances(InstanceRole.PROVIDER)).singleElement()
                        .satisfies(i -> assertThat(i.appliedRules()).containsEntry("security", revision)));
        admin.deleteRule(SERVICE, "security", revision);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(greeting.greet("y")).isEqualTo("Hello, y"));
    }

    @Test
    void providerAbortOnOneInstanceMovesNoTrafficButFailsItsShare() {
        Weft p1 = node("greeting");
        p1.export(Greeting.class, new GreetingImpl("p1"));
        node("greeting").export(Greeting.class, new GreetingImpl("p2"));
        Greeting greeting = node("web").reference(Greeting.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> instances(InstanceRole.PROVIDER).size() == 2);
        String p1Address = "127.0.0.1:" + p1.serverAddress().orElseThrow().getPort();
        admin.putRule(SERVICE, "faults", """
                {"faults":[{"name":"down","side":"provider","match":{"instances":["%s"]},
                            "abort":{"status":"INTERNAL","percent":100,"message":"p1 is down"}}]}"""
                .formatted(p1Address), 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            int failed = 0;
            for (int i = 0; i < 40; i++) {
                try {
                    assertThat(greeting.who()).isEqualTo("p2");
                } catch (RpcException e) {
                    assertThat(e.getMessage()).contains("p1 is down");
                    failed++;
                }
            }
            assertThat(failed).isPositive();
        });
    }

    @Test
    void routingRuleSplitsTrafficByWeightAndRoutesBetaUsersToTheCanary() {
        node("greeting").export(Greeting.class, new GreetingImpl("stable-1"),
                io.weft.ExportOptions.builder().tag("env", "stable").build());
        node("greeting").export(Greeting.class, new GreetingImpl("stable-2"),
                io.weft.ExportOptions.builder().tag("env", "stable").build());
        node("greeting").export(Greeting.class, new GreetingImpl("canary"),
                io.weft.ExportOptions.builder().tag("env", "canary").build());
        Greeting greeting = node("web").reference(Greeting.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> instances(InstanceRole.PROVIDER).size() == 3);
        long revision = admin.putRule(SERVICE, "routing", """
                {"routes":[
                   {"name":"beta","match":{"metadata":{"tier":"beta"}},
                    "destinations":[{"subset":{"env":"canary"},"weight":100}]},
                   {"name":"default",
                    "destinations":[{"subset":{"env":"stable"},"weight":90},{"subset":{"env":"canary"},"weight":10}]}],
                 "fallback":"all"}""", 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(instances(InstanceRole.CONSUMER)).singleElement()
                        .satisfies(i -> assertThat(i.appliedRules()).containsEntry("routing", revision)));

        Map<String, Integer> split = new HashMap<>();
        int calls = 10_000;
        for (int i = 0; i < calls; i++) {
            split.merge(greeting.who(), 1, Integer::sum);
        }
        double canaryShare = split.getOrDefault("canary", 0) / (double) calls;
        assertThat(canaryShare).as("canary share of %s", split).isBetween(0.08, 0.12);
        assertThat(split.keySet()).containsExactlyInAnyOrder("stable-1", "stable-2", "canary");

        try (var beta = io.weft.CallContext.current().withMetadata("tier", "beta").attach()) {
            for (int i = 0; i < 50; i++) {
                assertThat(greeting.who()).isEqualTo("canary");
            }
        }

        admin.deleteRule(SERVICE, "routing", revision);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Integer> after = new HashMap<>();
            for (int i = 0; i < 600; i++) {
                after.merge(greeting.who(), 1, Integer::sum);
            }
            assertThat(after.getOrDefault("canary", 0) / 600.0).isBetween(0.2, 0.47);
        });
    }

    @Test
    void routeWithFallbackFailRefusesCallsWhenItsSubsetIsEmpty() {
        Greeting greeting = providerAndConsumer();
        admin.putRule(SERVICE, "routing", """
                {"routes":[{"name":"blue","destinations":[{"subset":{"env":"blue"},"weight":100}],"timeoutMs":500}],
                 "fallback":"fail"}""", 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(greeting::who).isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("{env=blue}");
                }));
    }

    @Test
    void circuitBreakerOpensOnAFailingInstanceAndClosesAfterItRecovers() {
        Greeting greeting = providerAndConsumer();
        long breakerRev = admin.putRule(SERVICE, "throttling",
                "{\"circuitBreaker\":{\"failureRatePercent\":50,\"minimumCalls\":5,\"windowSeconds\":10,"
                        + "\"openSeconds\":1}}", 0);
        long faultRev = admin.putRule(SERVICE, "faults", """
                {"faults":[{"side":"provider","abort":{"status":"UNAVAILABLE","percent":100,"message":"broken"}}]}""",
                0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(instances(InstanceRole.CONSUMER)).singleElement().satisfies(i -> assertThat(i.appliedRules())
                        .containsEntry("throttling", breakerRev)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(greeting::who).isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.RESOURCE_EXHAUSTED);
                    assertThat(e.getMessage()).contains("circuit breaker open");
                }));
        admin.deleteRule(SERVICE, "faults", faultRev);
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .untilAsserted(() -> assertThat(greeting.who()).isEqualTo("p1"));
        for (int i = 0; i < 20; i++) {
            assertThat(greeting.who()).isEqualTo("p1");
        }
    }

    @Test
    void twoConsumerConcurrencyLimitsOnOneCallKeepServingCallAfterCall() {
        Greeting greeting = providerAndConsumer();
        long revision = admin.putRule(SERVICE, "throttling", """
                {"limits":[{"name":"all-calls","side":"consumer","maxConcurrent":20},
                           {"name":"greet-calls","side":"consumer","match":{"methods":["greet"]},"maxConcurrent":20}]}""",
                0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(instances(InstanceRole.CONSUMER)).singleElement()
                        .satisfies(i -> assertThat(i.appliedRules()).containsEntry("throttling", revision)));
        for (int i = 0; i < 200; i++) {
            assertThat(greeting.greet("n" + i)).as("call %d", i).isEqualTo("Hello, n" + i);
        }
        assertThat(greeting.who()).isEqualTo("p1");
    }

    @Test
    void consumerFaultMatchingInstancesOrSourceCidrsIsRefusedAndNeverFires() {
        Greeting greeting = providerAndConsumer();
        // An operator's script writes it straight into the registry (the SPI does not validate).
        admin.putRule(SERVICE, "faults", """
                {"faults":[{"name":"elsewhere","side":"consumer","match":{"instances":["127.0.0.1:1"]},
                            "abort":{"status":"UNAVAILABLE","percent":100,"message":"must not fire"}},
                           {"name":"far-away","side":"consumer","match":{"sourceCidrs":["10.0.0.0/8"]},
                            "abort":{"status":"UNAVAILABLE","percent":100,"message":"must not fire"}}]}""", 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(instances(InstanceRole.CONSUMER)).singleElement().satisfies(i ->
                        assertThat(i.status().ruleErrors().get("faults"))
                                .contains("faults[0].match.instances").contains("faults[1].match.sourceCidrs")));
        for (int i = 0; i < 20; i++) {
            assertThat(greeting.greet("z")).isEqualTo("Hello, z");
        }
        assertThat(instances(InstanceRole.CONSUMER).get(0).appliedRules()).doesNotContainKey("faults");
    }
}
