package io.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.weft.CallContext;
import io.weft.ExportOptions;
import io.weft.ReferenceOptions;
import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code weft call} against a provider exported in-process and registered on a real ZooKeeper: through
 * discovery and governance, or straight to {@code --address}; failures exit with their status number.
 */
class CliCallIT {
    private static final String SERVICE = Greeter.class.getName();
    private static TestingServer zookeeper;
    private static Weft provider;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("zookeeper.admin.enableServer", "false"); // no Jetty admin server on a fixed port
        zookeeper = new TestingServer(true);
        provider = Weft.create(WeftConfig.of(Map.of(WeftConfig.REGISTRY_ADDRESS, registry(),
                WeftConfig.APPLICATION, "greeter", WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.SERVER_PORT, "0")));
        provider.export(Greeter.class, new Greeter() {
            @Override
            public String greet(String name) {
                return "Hello, " + name;
            }

            @Override
            public String metadata(String key) {
                return CallContext.current().metadata().get(key);
            }

            @Override
            public Order order(Order order) {
                return new Order(order.id() + "-confirmed", order.items(), order.quantity() * 2);
            }

            @Override
            public String sleep(long millis) throws InterruptedException {
                Thread.sleep(millis);
                return "slept";
            }
        }, ExportOptions.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        provider.close();
        zookeeper.close();
    }

    private static String registry() {
        return "zookeeper://" + zookeeper.getConnectString();
    }

    private static String address() {
        return "127.0.0.1:" + provider.serverAddress().orElseThrow().getPort();
    }

    private static Cli.Result weft(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--registry";
        all[args.length + 1] = registry();
        return Cli.run(all);
    }

    @Test
    void callThroughDiscoveryPrintsTheJsonResultAndExits0() {
        Cli.Result result = weft("call", SERVICE, "greet", "[\"Ada\"]");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo("\"Hello, Ada\"\n");
    }

    @Test
    void recordArgumentsAndResultsAreJson() {
        Cli.Result result = weft("call", SERVICE, "order", "[{\"id\":\"o1\",\"items\":[\"tea\",\"cake\"],\"quantity\":2}]",
                "--json");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo("{\"id\":\"o1-confirmed\",\"items\":[\"tea\",\"cake\"],\"quantity\":4}\n");
    }

    @Test
    void aMissingMethodExitsWithItsStatusNumberAndPrintsTheMessageOnStderr() {
        Status expected = catchThrowableOfType(RpcException.class, () -> {
            try (Weft weft = Weft.create(WeftConfig.of(Map.of(WeftConfig.APPLICATION, "probe")))) {
                weft.genericReference(SERVICE, ReferenceOptions.builder().directAddress(address()).build())
                        .call("wave", "[]");
            }
        }).status();

        Cli.Result result = weft("call", SERVICE, "wave", "[]");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(expected.code()).isNotIn(0, 1, 2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("weft: " + expected.name()).contains("wave");
    }

    @Test
    void callToAnAddressNeedsNoRegistry() {
        Cli.Result result = Cli.run("call", SERVICE, "greet", "[\"Bo\"]", "--address", address());

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo("\"Hello, Bo\"\n");
    }

    @Test
    void aServiceTheAddressedProviderDoesNotHaveExits5NotFound() {
        Cli.Result result = Cli.run("call", "io.weft.cli.Nobody", "greet", "[]", "--address", address());

        assertThat(result.exitCode()).as("%s", result).isEqualTo(Status.NOT_FOUND.code());
        assertThat(result.err()).contains("NOT_FOUND");
    }

    @Test
    void aServiceWithoutProvidersExits14Unavailable() {
        Cli.Result result = weft("call", "io.weft.cli.Nobody", "greet", "[]", "--timeout", "2s");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(Status.UNAVAILABLE.code());
        assertThat(result.err()).contains("UNAVAILABLE");
    }

    @Test
    void metadataReachesTheProvider() {
        Cli.Result result = weft("call", SERVICE, "metadata", "[\"tier\"]", "--meta", "tier=beta", "--meta", "x=y");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo("\"beta\"\n");
    }

    @Test
    void theTimeoutBoundsTheCallAndExits4DeadlineExceeded() {
        long start = System.nanoTime();
        Cli.Result result = weft("call", SERVICE, "sleep", "[5000]", "--timeout", "300ms");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(Status.DEADLINE_EXCEEDED.code());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void theAppNameIsWhatSecurityRulesMatch() {
        String deny = """
                {"defaultAction":"allow","rules":[{"action":"deny","match":{"consumerApps":["blocked"]}}]}""";
        long revision = writeRule("security", deny);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(weft("call", SERVICE, "greet", "[\"Cy\"]", "--app", "blocked").exitCode())
                            .isEqualTo(Status.PERMISSION_DENIED.code()));
            assertThat(weft("call", SERVICE, "greet", "[\"Cy\"]", "--app", "web").exitCode()).isZero();
        } finally {
            assertThat(weft("rules", "rm", SERVICE, "security", "--if-revision", String.valueOf(revision)).exitCode())
                    .isZero();
        }
    }

    @Test
    void argumentsThatAreNotAJsonArrayAreAUsageError() {
        Cli.Result result = weft("call", SERVICE, "greet", "{\"name\":\"Ada\"}");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("JSON array");
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        assertThat(weft("call", SERVICE, "greet", "[\"A\"]", "--timeout", "soon").exitCode()).isEqualTo(2);
        assertThat(weft("call", SERVICE, "greet", "[\"A\"]", "--timeout", "0s").exitCode()).isEqualTo(2);
    }

    private static long writeRule(String kind, String json) {
        try {
            Path file = Files.createTempFile("rule", ".json");
            Files.writeString(file, json);
            Cli.Result put = weft("rules", "put", SERVICE, kind, file.toString(), "--json");
            assertThat(put.exitCode()).as("%s", put).isZero();
            Files.delete(file);
            return Long.parseLong(put.out().replaceAll("(?s).*\"revision\" : (\\d+).*", "$1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
