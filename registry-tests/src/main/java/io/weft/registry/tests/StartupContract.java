package io.weft.registry.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.weft.RpcException;
import io.weft.Status;
import io.weft.Weft;
import io.weft.WeftConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Start-up and shutdown of whole processes ({@link Weft}) around a registry that is not there: a
 * consumer started before its registry starts at once, fails calls fast with {@code UNAVAILABLE},
 * and works once the registry appears; {@code weft.registry.check=true} keeps the strict start; an
 * unknown host is one clear line; closing while the registry is down is bounded. One suite,
 * subclassed per backend.
 */
public abstract class StartupContract {
    /** Far longer than the waits this suite allows, so a start that waited for it would show. */
    private static final String LONG_CONNECT_TIMEOUT_MS = "10000";
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    /** A registry not running yet whose port is reserved: nothing listens until {@link Server#start}. */
    protected abstract Server newServer() throws Exception;

    /** A backend server for one test. */
    protected interface Server extends AutoCloseable {
        /** {@code scheme://127.0.0.1:port}, known before the server starts. */
        String address();

        /** Starts the server on its reserved port and waits until it serves. */
        void start() throws Exception;

        /** Stops the server; {@link #start} may start it again. */
        void stop() throws Exception;
    }

    private static Weft weft(String address, String... settings) {
        Map<String, String> values = new HashMap<>(Map.of(WeftConfig.REGISTRY_ADDRESS, address,
                WeftConfig.APPLICATION, "web", WeftConfig.SERVER_HOST, "127.0.0.1", WeftConfig.SERVER_PORT, "0",
                "weft.registry.connect-timeout-ms", LONG_CONNECT_TIMEOUT_MS, "weft.status.interval-ms", "60000"));
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return Weft.create(WeftConfig.of(values));
    }

    @Test
    void consumerStartedBeforeItsRegistryStartsAtOnceFailsCallsFastAndWorksOnceTheRegistryAppears()
            throws Exception {
        try (Server server = newServer()) {
            long start = System.nanoTime();
            try (Weft consumer = weft(server.address())) {
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("start-up without the registry must not wait for the connect timeout")
                        .isLessThan(Duration.ofMillis(Long.parseLong(LONG_CONNECT_TIMEOUT_MS) / 2));
                Greeting greeting = consumer.reference(Greeting.class);
                long call = System.nanoTime();
                assertThatThrownBy(() -> greeting.greet("early"))
                        .isInstanceOfSatisfying(RpcException.class, e -> {
                            assertThat(e.status()).isEqualTo(Status.UNAVAILABLE);
                            assertThat(e.getMessage()).contains("registry at " + server.address()
                                    + " not reachable yet");
                        });
                assertThat(Duration.ofNanos(System.nanoTime() - call)).as("a call while waiting fails fast")
                        .isLessThan(Duration.ofSeconds(2));

                server.start();
                try (Weft provider = weft(server.address())) {
                    provider.export(Greeting.class, new GreetingImpl("p1"));
                    await().atMost(RECOVERY).ignoreExceptions()
                            .until(() -> "Hello, Ada".equals(greeting.greet("Ada")));
                }
            }
        }
    }

    @Test
    void providerStartedBeforeItsRegistryIsRegisteredOnceTheRegistryAppears() throws Exception {
        try (Server server = newServer(); Weft provider = weft(server.address())) {
            provider.export(Greeting.class, new GreetingImpl("early"));
            server.start();
            try (Weft consumer = weft(server.address())) {
                Greeting greeting = consumer.reference(Greeting.class);
                await().atMost(RECOVERY).ignoreExceptions().until(() -> "early".equals(greeting.who()));
            }
        }
    }

    @Test
    void withCheckStartUpFailsWithUnavailableWhenTheRegistryIsUnreachable() throws Exception {
        try (Server server = newServer()) {
            assertThatThrownBy(() -> weft(server.address(), "weft.registry.check", "true",
                    "weft.registry.connect-timeout-ms", "1000").close())
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.status()).isEqualTo(Status.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("cannot reach").contains(server.address());
                    });
        }
    }

    @Test
    void unresolvableRegistryHostIsReportedAsUnknownHostInOneLine() throws Exception {
        String scheme;
        try (Server server = newServer()) {
            scheme = server.address().substring(0, server.address().indexOf("://"));
        }
        assertThatThrownBy(() -> weft(scheme + "://no-such-host.invalid:2379").close())
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.getMessage()).contains("unknown host no-such-host.invalid");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void closingAProviderWhileItsRegistryIsDownIsBounded() throws Exception {
        try (Server server = newServer()) {
            server.start();
            Weft provider = weft(server.address(), "weft.registry.connect-timeout-ms", "5000",
                    "weft.server.shutdown-timeout-ms", "1000");
            provider.export(Greeting.class, new GreetingImpl("p1"));
            server.stop();

            long start = System.nanoTime();
            provider.close();
            // Issue #13: it took 7–8 s (a registry call waited its full connect timeout).
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4_000));
        }
    }
}
